using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;
using OrleansCt.Grains.Log;
using OrleansCt.Storage.Log;
using OrleansCt.Training.Artifacts;
using OrleansCt.Training.Rows;
using OrleansCt.Training.Trainers;
using OrleansCt.Training.Validation;

namespace OrleansCt.Grains.Training;

/// <summary>
/// The work of a retrain, apart from its state machine: the point-in-time rows read from the log, and the training and
/// measuring done on the silo's training threads (<see cref="TrainingQueue"/>), never on a grain turn.
/// </summary>
public sealed class RetrainWork(IEventLog log, LogCodec codec, TrainingQueue queue)
{
    /// <summary>Rows of a sample batch the infrastructure check scores.</summary>
    public const int SampleRows = 100;

    private const int ReadPage = 256;

    /// <summary>The newest <paramref name="maxRows"/> labelled rows logged at or before <paramref name="position"/>.</summary>
    public async Task<LabelledRows> ReadAsync(string model, ModelSchema schema, long position, int maxRows, CancellationToken cancellationToken = default)
    {
        var collector = new LabelledRowsCollector(schema, position, maxRows);
        for (long after = 0; ;)
        {
            var page = await log.ReadAfterAsync(model, after, ReadPage, cancellationToken);
            foreach (var record in page)
            {
                if (record.Sequence > position)
                {
                    return collector.Build();
                }

                collector.Add(record.Sequence, codec.Decode(record));
                after = record.Sequence;
            }

            if (page.Count < ReadPage)
            {
                return collector.Build();
            }
        }
    }

    /// <summary>
    /// Trains on all but the newest <paramref name="holdout"/> rows and measures the candidate on those, with the champion
    /// beside it: rescored when it is an ML.NET version, else from the predictions it served for those rows.
    /// </summary>
    internal Task<TrainingOutcome> TrainAsync(
        string name, TrainingRows rows, Predictions served, int holdout, RetrainPlan plan, LoadedModel? warmFrom, LoadedModel? champion,
        TimeSpan timeout, CancellationToken cancellationToken) =>
        queue.RunAsync(name, token =>
        {
            CrashPoints.Reach(CrashPoints.TrainingStarted);
            var (train, test) = rows.SplitNewest(holdout);
            var trained = plan.Kind == RetrainPlan.Warm && warmFrom is null
                ? ModelTrainer.TrainFromOnline(train, plan.Spec, OnlinePass(train), token)
                : ModelTrainer.Train(train, plan.Spec, warmFrom, token);
            var candidate = ValidationMetrics.Of(trained.Model, test);
            var sample = test.Slice(0, Math.Min(SampleRows, test.Count)).ToBatch();
            var latency = ScoringLatency.Measure(trained.Model, sample);
            var championMetrics = champion is not null
                ? ValidationMetrics.Of(champion, test)
                : ValidationMetrics.Of(rows.Schema, served.Select([.. Enumerable.Range(rows.Count - holdout, holdout)]), test.Labels);
            return new TrainingOutcome(trained, candidate, championMetrics, new InfrastructureCheck(true, null, sample.Count, latency.TotalSeconds), holdout);
        }, timeout, cancellationToken);

    /// <summary>
    /// The online learner's metrics on the newest <paramref name="holdout"/> rows, from the predictions it made for them, and the
    /// champion's on the same rows (rescored when it is an ML.NET version, else from what it served).
    /// </summary>
    internal Task<(ValidationMetrics Online, ValidationMetrics Champion)> MeasureOnlineAsync(
        string name, LabelledRows read, int holdout, LoadedModel? champion, TimeSpan timeout, CancellationToken cancellationToken) =>
        queue.RunAsync(name, _ =>
        {
            var rows = read.Rows;
            var (_, test) = rows.SplitNewest(holdout);
            int[] newest = [.. Enumerable.Range(rows.Count - holdout, holdout)];
            var online = ValidationMetrics.Of(rows.Schema, read.Online.Select(newest), test.Labels);
            var championMetrics = champion is not null ? ValidationMetrics.Of(champion, test) : ValidationMetrics.Of(rows.Schema, read.Served.Select(newest), test.Labels);
            return (online, championMetrics);
        }, timeout, cancellationToken);

    /// <summary>
    /// The online learner's weights after one pass over <paramref name="train"/>, with the model's learner settings: what a warm
    /// start under the online champion continues from. Not the live learner's state: that has also learned the held-out rows
    /// (it learns every label as it comes), so the gate would judge a candidate that started from them, and it is not kept
    /// as of the retrain's position, so a reproduction could not start from it again. One pass is a function of the rows alone.
    /// </summary>
    internal static Core.Learning.LearnerState OnlinePass(TrainingRows train)
    {
        var learner = Core.Learning.OnlineLearner.Create(train.Schema);
        var batch = train.ToBatch();
        for (var row = 0; row < batch.Count; row++)
        {
            learner.Learn(batch, row, batch.Labels![row]);
        }

        return learner.ExportState();
    }

    /// <summary>A window's choice made on the training thread (a dynamic window trains a model per candidate).</summary>
    internal Task<WindowSelection> SelectAsync(string name, Func<CancellationToken, WindowSelection> select, TimeSpan timeout, CancellationToken cancellationToken) =>
        queue.RunAsync(name, select, timeout, cancellationToken);

    /// <summary>Trains again exactly as a version was trained, on the training thread.</summary>
    /// <remarks>A warm version with no ML.NET parent to continue from was warm-started from the online pass over its rows, and is again.</remarks>
    internal Task<TrainedModel> TrainAgainAsync(string name, TrainingRows train, RetrainPlan plan, LoadedModel? warmFrom, TimeSpan timeout, CancellationToken cancellationToken) =>
        queue.RunAsync(name, token => plan.Kind == RetrainPlan.Warm && warmFrom is null
            ? ModelTrainer.TrainFromOnline(train, plan.Spec, OnlinePass(train), token)
            : ModelTrainer.Train(train, plan.Spec, warmFrom, token), timeout, cancellationToken);

    /// <summary>The infrastructure check of a zip from elsewhere: it loads against the schema and scores a sample in time.</summary>
    /// <remarks>A zip that does not load gives the column at fault (or "artifact") as <c>Field</c>.</remarks>
    public Task<(LoadedModel? Model, InfrastructureCheck Check, string? Field)> CheckAsync(byte[] zip, ModelSchema schema, EventBatch sample, TimeSpan timeout) =>
        queue.RunAsync("check an uploaded zip", _ =>
        {
            try
            {
                var loaded = ModelArtifact.Load(zip, schema);
                var latency = ScoringLatency.Measure(loaded, sample);
                return ((LoadedModel?)loaded, new InfrastructureCheck(true, null, sample.Count, latency.TotalSeconds), (string?)null);
            }
            catch (ArtifactException e)
            {
                return (null, new InfrastructureCheck(false, e.Message, 0, 0), e.Field);
            }
        }, timeout, CancellationToken.None);
}
