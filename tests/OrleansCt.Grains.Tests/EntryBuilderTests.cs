using OrleansCt.Abstractions.Models;
using OrleansCt.Core.Schema;
using OrleansCt.Grains.Log;
using OrleansCt.Grains.Model;

namespace OrleansCt.Grains.Tests;

/// <summary>The events entry for a submission's fresh rows; rows from TestLog.Events: x = 1, 2, 3, predictions (1 − p, p), p = 0.1, 0.2, 0.3.</summary>
public sealed class EntryBuilderTests
{
    private readonly EntryBuilder _builder = new(TestLog.Model, TestLog.Snapshots);

    [Fact]
    public void A_served_submission_keeps_its_predictions_and_version_for_the_rows_asked()
    {
        var events = TestLog.Events(1_000, ["a", "b", "c"]);
        var sub = new EventsSubmission(1, events.Batch, events.Predictions, "v7", 4, "dd", 1_000, Prequential: false);

        var (entry, prelearned) = _builder.Build(sub, [2, 0], head: null, revision: 1, new ModelSchema(TestLog.Definition), lastSequence: 9);

        // Rows 2 and 0, in that order: c then a.
        Assert.Equal(["c", "a"], entry.Batch.Ids);
        Assert.Equal([3.0, 1.0], entry.Batch.Numeric[0]);
        Assert.Equal([0.7, 0.3, 0.9, 0.1], entry.Predictions.Scores);
        Assert.Equal(("v7", 4L, "dd", 1_000L), (entry.Version, entry.SnapshotSequence, entry.SnapshotDigest, entry.ArrivalUnixMs));
        Assert.Null(prelearned);
    }

    [Fact]
    public void A_prequential_submission_is_predicted_and_learned_by_a_copy_of_the_head_carrying_the_heads_version()
    {
        var applier = new ModelApplier(new ModelState());
        applier.Apply(1, new DefinitionEntry(0, TestLog.Definition, 1));
        var head = applier.Learner!;
        var events = TestLog.Events(1_000, ["a", "b"], labels: [1, 0]);
        var sub = new EventsSubmission(1, events.Batch, events.Predictions, "ignored", 0, "ignored", 1_000, Prequential: true);

        var (entry, prelearned) = _builder.Build(sub, null, head, revision: 1, applier.Schema!, lastSequence: 9);

        // The head has learned nothing: its weights are zero, so row 0 is predicted sigmoid(0) = 0.5 for both classes.
        Assert.Equal([0.5, 0.5], entry.Predictions.Row(0).ToArray());
        // Two labelled rows: the copy learned both, the head none.
        Assert.Equal((2L, 0L), (prelearned!.Updates, head.Updates));
        var before = TestLog.Snapshots.Create(TestLog.Model, 1, TestLog.Definition, 9, head);
        Assert.Equal((SnapshotFactory.OnlineVersion, 9L, before.Digest), (entry.Version, entry.SnapshotSequence, entry.SnapshotDigest));
        Assert.Same(events.Batch, entry.Batch);
    }
}
