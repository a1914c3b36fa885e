using OrleansCt.Abstractions.Models;
using OrleansCt.Core.Events;
using OrleansCt.Core.Learning;
using OrleansCt.Core.Schema;
using OrleansCt.Grains.Log;

namespace OrleansCt.Grains.Model;

/// <summary>Builds the events entry for the rows of a submission not logged yet; a prequential one is predicted and learned here.</summary>
/// <remarks>Synchronous on purpose: it runs between the duplicate decision and the append, where nothing may wait.</remarks>
internal sealed class EntryBuilder(string model, SnapshotFactory snapshots)
{
    /// <summary>
    /// The entry for <paramref name="rows"/> of the submission (null: all of them). A prequential submission is predicted row by
    /// row by a copy of <paramref name="head"/> that learns each label right after predicting its row, and carries the version of
    /// <paramref name="head"/> as it stood after <paramref name="lastSequence"/>; applying the entry later takes that copy as the learner.
    /// </summary>
    /// With an ML.NET champion in <paramref name="scorer"/>, that version answers (scoring the rows in columns) and the learner's
    /// predictions are logged beside its own.
    public (EventsEntry Entry, OnlineLearner? Prelearned) Build(
        EventsSubmission sub, int[]? rows, OnlineLearner? head, int revision, ModelSchema schema, long lastSequence, PrequentialScorer? scorer = null, bool learns = true)
    {
        var batch = rows is null ? sub.Batch : sub.Batch.Select(rows);
        if (!sub.Prequential)
        {
            var predictions = rows is null ? sub.Predictions : sub.Predictions.Select(rows);
            VersionPredictions[]? others = sub.Others is { } beside
                ? [.. beside.Select(o => rows is null ? o : o with { Predictions = o.Predictions.Select(rows) })]
                : null;
            return (new EventsEntry(sub.ArrivalUnixMs, batch, predictions, sub.Version, sub.SnapshotSequence, sub.SnapshotDigest, null, others), null);
        }

        var before = snapshots.Create(model, revision, schema.Definition, lastSequence, head!);
        // Under a policy that stops online learning the head only predicts, and applying the entry learns nothing.
        var learner = learns ? head!.Clone() : null;
        var prequential = learner?.PredictThenLearn(batch, schema.PredictionWidth) ?? head!.PredictEach(batch, schema.PredictionWidth);
        if (scorer is { Model: { } champion, Champion: var version })
        {
            var answered = champion.Score(batch);
            return (new EventsEntry(sub.ArrivalUnixMs, batch, answered, version.Version, version.Sequence, version.ArtifactSha256!, null,
                [new VersionPredictions(before.Version, prequential)]), learner);
        }

        return (new EventsEntry(sub.ArrivalUnixMs, batch, prequential, before.Version, before.Sequence, before.Digest), learner);
    }
}
