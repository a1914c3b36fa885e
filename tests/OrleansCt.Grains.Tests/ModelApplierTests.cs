using OrleansCt.Grains.Log;
using OrleansCt.Grains.Model;

namespace OrleansCt.Grains.Tests;

/// <summary>Applying entries to the derived state, with the counts worked from the entries written out in each test.</summary>
public sealed class ModelApplierTests
{
    [Fact]
    public void Definition_events_and_labels_add_up_to_the_counters_and_survive_a_checkpoint()
    {
        var applier = new ModelApplier(new ModelState());
        applier.Apply(1, new DefinitionEntry(0, TestLog.Definition, 1));
        // 3 events, 2 of them labelled (backfill): 3 events, 2 labels, 2 learner updates.
        applier.Apply(2, TestLog.Events(1_000, ["a", "b", "c"], labels: [1, double.NaN, 0]));
        // A label entry of 3: one joined (row 0 of Joined), one unmatched (sequence 0), one duplicate (sequence −1):
        // +1 label, +1 update, +1 unmatched; the duplicate counts nowhere.
        var joined = TestLog.Events(1_000, ["b"]);
        applier.Apply(3, new LabelsEntry(5_000, ["b", "zz", "a"], [1, 0, 1], [2, LabelJoin.Unmatched, LabelJoin.Duplicate], [0, -1, -1],
            joined.Batch, joined.Predictions, [1_000]));

        Assert.Equal((3L, 3L, 3L, 1L, 3L), (applier.AppliedSequence, applier.Events, applier.Labels, applier.UnmatchedLabels, applier.Learner!.Updates));
        Assert.Equal(1, applier.Revision);

        var checkpoint = new ModelState();
        applier.CopyTo(checkpoint);
        var restored = new ModelApplier(checkpoint);
        Assert.Equal((3L, 3L, 3L, 1L, 3L), (restored.AppliedSequence, restored.Events, restored.Labels, restored.UnmatchedLabels, restored.Learner!.Updates));
        Assert.Equal(TestLog.Definition.Target, restored.Schema!.Definition.Target);
    }

    [Fact]
    public void A_prelearned_learner_is_taken_instead_of_learning_the_rows_again_but_only_right_after_the_previous_sequence()
    {
        var applier = new ModelApplier(new ModelState());
        applier.Apply(1, new DefinitionEntry(0, TestLog.Definition, 1));
        var entry = TestLog.Events(1_000, ["a", "b"], labels: [1, 0]);
        var prelearned = applier.Learner!.Clone();
        prelearned.Learn(entry.Batch, 0, 1);
        prelearned.Learn(entry.Batch, 1, 0);

        applier.Apply(2, entry, prelearned);

        // Sequence 2 follows the applied 1: the copy is the learner (same object; it learned the 2 rows once).
        Assert.Same(prelearned, applier.Learner);
        Assert.Equal(2, applier.Learner!.Updates);

        // A gap (sequence 4 after 2) means the copy was not built on this learner: it learns the rows itself, 2 + 2 = 4.
        var other = applier.Learner.Clone();
        applier.Apply(4, TestLog.Events(2_000, ["c", "d"], labels: [0, 1]), other);
        Assert.NotSame(other, applier.Learner);
        Assert.Equal(4, applier.Learner.Updates);
    }

    [Fact]
    public void A_second_definition_takes_its_revision_and_keeps_the_learner()
    {
        var applier = new ModelApplier(new ModelState());
        Assert.Null(applier.Schema);
        applier.Apply(1, new DefinitionEntry(0, TestLog.Definition, 1));
        applier.Apply(2, TestLog.Events(1_000, ["a"], labels: [1]));
        var learner = applier.Learner;

        applier.Apply(3, new DefinitionEntry(0, TestLog.Definition with { Target = "label" }, 2));

        Assert.Equal((2, "label"), (applier.Revision, applier.Schema!.Definition.Target));
        Assert.Same(learner, applier.Learner);
        Assert.Equal(1, applier.Events);
    }
}
