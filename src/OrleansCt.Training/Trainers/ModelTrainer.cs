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
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(spec);
        var schema = rows.Schema;
        spec.Validate(schema.Task);
        CheckRows(rows);
        cancellationToken.ThrowIfCancellationRequested();
        var ml = new MLContext(spec.Seed);
        var plan = TrainerCatalog.Plan(ml, spec, schema.Task);
        var warm = warmFrom is null ? null : WarmStart.From(warmFrom, spec, schema.Task);
        var clock = Stopwatch.StartNew();
        ITransformer model;
        try
        {
            var view = new CancellableView(ContractViews.Training(rows), cancellationToken);
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
