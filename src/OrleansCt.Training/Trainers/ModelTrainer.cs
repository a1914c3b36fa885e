using OrleansCt.Core.Learning;
using OrleansCt.Core.Registry;
using System.Diagnostics;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using OrleansCt.Training.Artifacts;
using OrleansCt.Training.Rows;
using OrleansCt.Training.Views;

namespace OrleansCt.Training.Trainers;

/// <summary>Trains a version under the featurisation contract (see <see cref="Featurizer"/> and docs/architecture.md).</summary>
public static class ModelTrainer
{
    /// <summary>The informational version of the Microsoft.ML assembly, recorded with every version.</summary>
    /// <summary>The passes <paramref name="spec"/> fixes (boosting rounds, epochs), or null when the trainer decides: what a policy's budget is charged per row.</summary>
    public static int? PlannedPasses(TrainerSpec spec, ModelTask task) => TrainerCatalog.Plan(new MLContext(seed: 0), spec, task).Passes;

    public static string MlNetVersion { get; } =
        typeof(MLContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>
    /// Trains from scratch on <paramref name="rows"/>; cancellation is checked between stages and, for the trainers that read
    /// the data pass after pass (linear ones), within a pass (tree trainers copy the data once, then cannot be interrupted).
    /// </summary>
    public static TrainedModel Train(TrainingRows rows, TrainerSpec spec, CancellationToken cancellationToken = default) =>
        Train(rows, spec, null, cancellationToken);

    /// <summary>
    /// Trains with a linear trainer continuing from <paramref name="warmFrom"/>'s parameters, through its featurisation (null:
    /// from scratch). Throws a <see cref="TrainerSpecException"/> naming "trainer" when either side cannot warm-start.
    /// </summary>
    public static TrainedModel Train(TrainingRows rows, TrainerSpec spec, LoadedModel? warmFrom, CancellationToken cancellationToken = default)
    {
        Check(rows, spec);
        var warm = warmFrom is null ? null : WarmStart.From(warmFrom, spec, rows.Schema.Task);
        return Fit(rows, spec, warm is null ? null : (_, _, _) => warm, cancellationToken);
    }

    /// <summary>
    /// Trains with a linear trainer continuing from the online learner's weights in <paramref name="online"/> (see
    /// <see cref="OnlineWarmStart"/>), through a featurisation fitted on <paramref name="rows"/> as a scratch training's is. Throws a
    /// <see cref="TrainerSpecException"/> naming "trainer" when the trainer cannot, an <see cref="ArgumentException"/> when the state
    /// does not fit the rows' schema.
    /// </summary>
    public static TrainedModel TrainFromOnline(TrainingRows rows, TrainerSpec spec, LearnerState online, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(online);
        Check(rows, spec);
        var schema = rows.Schema;
        var learner = OnlineWarmStart.Learner(online, spec, schema);
        return Fit(
            rows,
            spec,
            (ml, plan, view) => OnlineWarmStart.Map(ml, Featurizer.For(ml, schema, plan).Fit(view), view.Schema, schema, learner),
            cancellationToken);
    }

    private static void Check(TrainingRows rows, TrainerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate(rows.Schema.Task);
        CheckRows(rows);
    }

    /// <summary>Trains from scratch, or from the warm start <paramref name="warmStart"/> gives for the context, plan and training view.</summary>
    private static TrainedModel Fit(TrainingRows rows, TrainerSpec spec, Func<MLContext, TrainerPlan, IDataView, WarmStart>? warmStart, CancellationToken cancellationToken)
    {
        var schema = rows.Schema;
        cancellationToken.ThrowIfCancellationRequested();
        var ml = new MLContext(spec.Seed);
        var plan = TrainerCatalog.Plan(ml, spec, schema.Task);
        WarmStart? warm = null;
        var clock = Stopwatch.StartNew();
        ITransformer model;
        try
        {
            var view = new CancellableView(ContractViews.Training(rows), cancellationToken);
            warm = warmStart?.Invoke(ml, plan, view);
            var featurizer = warm?.Featurizer ?? Featurizer.For(ml, schema, plan).Fit(view);
            cancellationToken.ThrowIfCancellationRequested();
            // Featurised once into ML.NET's cache: trainers that pass many times read vectors, not the pipeline again.
            var features = new CancellableView(ml.Data.Cache(featurizer.Transform(view)), cancellationToken);
            var predictor = warm is null ? plan.Estimator.Fit(features) : plan.WarmFit!(features, warm.Parameters);
            cancellationToken.ThrowIfCancellationRequested();
            model = plan.Calibrates
                ? new TransformerChain<ITransformer>(featurizer, predictor, ml.BinaryClassification.Calibrators.Platt().Fit(predictor.Transform(features)))
                : new TransformerChain<ITransformer>(featurizer, predictor);
        }
        catch (Exception e) when (e is not OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("training was cancelled.", e, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            throw new InvalidOperationException($"training {spec.Kind} on {rows.Count:N0} rows failed: {e.Message}", e);
        }

        var cost = new TrainingCost(rows.Count, plan.Passes, clock.Elapsed.TotalSeconds);
        cancellationToken.ThrowIfCancellationRequested();
        var artifact = ModelArtifact.Save(ml, model, ContractViews.Empty(schema, null).Schema);
        return new TrainedModel(artifact.Load(schema), artifact, spec, cost, rows.Digest, MlNetVersion, warm is not null);
    }

    private static void CheckRows(TrainingRows rows)
    {
        if (rows.Count == 0)
        {
            throw new ArgumentException("rows holds no labelled rows; there is nothing to train on.", nameof(rows));
        }

        var reserved = rows.Schema.Definition.Features.FirstOrDefault(f => f.Name == ContractColumns.Label);
        if (reserved is not null)
        {
            throw new ArgumentException($"feature '{reserved.Name}' has the name of the contract's label column; rename the feature.", nameof(rows));
        }
    }
}
