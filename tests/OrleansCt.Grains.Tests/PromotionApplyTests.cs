using System.Text;
using OrleansCt.Core.Drift.Windows;
using OrleansCt.Core.Monitoring;
using OrleansCt.Core.Schema;
using OrleansCt.Grains.Log;
using OrleansCt.Grains.Model;

namespace OrleansCt.Grains.Tests;

/// <summary>A promotion entry applied: the champion from its sequence, the move it commits, the reference it switches, and a checkpoint of them.</summary>
public sealed class PromotionApplyTests
{
    [Fact]
    public void A_promotion_makes_its_version_champion_at_its_sequence_and_records_its_move()
    {
        var applier = Defined();
        applier.Apply(2, TestLog.Events(1_000, ["a", "b"], labels: [1, 0]));
        Assert.Equal(Champion.Online, applier.Champion);
        Assert.Empty(applier.Promotions);

        applier.Apply(3, new PromotionEntry(2_000, MoveId: 11, "2", "sha-2", "better", Reference: null));

        Assert.Equal(new Champion("2", "sha-2", 3, 11), applier.Champion);
        Assert.True(applier.Champion.IsMlNet);
        Assert.Equal(new Dictionary<long, long> { [11] = 3 }, applier.Promotions);
        Assert.Equal(3, applier.AppliedSequence);

        // A later move back to the online learner (a rollback): the champion follows the newest entry, both moves are kept.
        applier.Apply(4, TestLog.Events(3_000, ["c"]));
        applier.Apply(5, new PromotionEntry(4_000, MoveId: 12, "1", null, "roll back", null));
        Assert.Equal(new Champion("1", null, 5, 12), applier.Champion);
        Assert.False(applier.Champion.IsMlNet);
        Assert.Equal(new Dictionary<long, long> { [11] = 3, [12] = 5 }, applier.Promotions);
        // Events are not counted for control entries: 2 + 1.
        Assert.Equal(3, applier.Events);
    }

    [Fact]
    public void A_promotion_carrying_a_profile_sets_the_reference_exactly_as_a_reference_entry_of_the_same_profile_does()
    {
        var profile = Profile();
        var bytes = DriftJson.Write(profile);

        var promoted = Defined();
        promoted.Apply(2, TestLog.Events(1_000, ["a", "b", "c"], labels: [1, 0, 1]));
        Assert.Null(promoted.Monitor!.Binning);
        promoted.Apply(3, new PromotionEntry(2_000, 1, "2", "sha", "better", bytes));

        var referenced = Defined();
        referenced.Apply(2, TestLog.Events(1_000, ["a", "b", "c"], labels: [1, 0, 1]));
        referenced.Apply(3, new ReferenceEntry(2_000, bytes));

        Assert.NotNull(promoted.Monitor.Binning);
        Assert.Equal((profile.Revision, profile.Revision), (promoted.Monitor.ReferenceRevision, referenced.Monitor!.ReferenceRevision));
        // The whole monitor — bins, missing shares, the profile waiting in the outbox, the open buckets re-binned — is the same.
        Assert.Equal(MonitorJson(referenced), MonitorJson(promoted));
        Assert.Equal(DriftJson.Write(referenced.Monitor.PendingProfile), DriftJson.Write(promoted.Monitor.PendingProfile));

        // Without a profile, the reference stays as it was.
        var kept = MonitorJson(promoted);
        promoted.Apply(4, new PromotionEntry(3_000, 2, "1", null, "roll back", null));
        Assert.Equal(kept, MonitorJson(promoted));
    }

    [Fact]
    public void Champion_and_promotions_survive_a_checkpoint()
    {
        var applier = Defined();
        applier.Apply(2, TestLog.Events(1_000, ["a"], labels: [1]));
        applier.Apply(3, new PromotionEntry(2_000, 21, "2", "sha-2", "better", DriftJson.Write(Profile())));
        applier.Apply(4, new PromotionEntry(3_000, 22, "3", "sha-3", "better still", null));

        var checkpoint = new ModelState();
        applier.CopyTo(checkpoint);
        var restored = new ModelApplier(checkpoint);

        Assert.Equal(new Champion("3", "sha-3", 4, 22), restored.Champion);
        Assert.Equal(new Dictionary<long, long> { [21] = 3, [22] = 4 }, restored.Promotions);
        Assert.Equal(MonitorJson(applier), MonitorJson(restored));

        // The restored dictionary is its own: a promotion applied after the restore does not change the checkpoint's.
        restored.Apply(5, new PromotionEntry(4_000, 23, "2", "sha-2", "back", null));
        Assert.Equal(2, checkpoint.Promotions!.Count);
        Assert.Equal(3, restored.Promotions.Count);
    }

    private static ModelApplier Defined()
    {
        var applier = new ModelApplier(new ModelState());
        applier.Apply(1, new DefinitionEntry(0, TestLog.Definition, 1));
        return applier;
    }

    private static string MonitorJson(ModelApplier applier) => Encoding.UTF8.GetString(MonitorStateJson.Write(applier.Monitor!.ToState()));

    /// <summary>A profile of 40 rows: x = 0, 0.5, …, 19.5, c alternating "a" and "b", labels alternating.</summary>
    private static ReferenceProfile Profile()
    {
        var schema = new ModelSchema(TestLog.Definition);
        var applier = Defined();
        var csv = "x,c,y\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"{i / 2.0},{(i % 2 == 0 ? "a" : "b")},{(i % 2 == 0 ? "yes" : "no")}\n"));
        var read = ReferenceBuilder.FromCsv(Encoding.UTF8.GetBytes(csv), schema, applier.Learner!);
        Assert.Empty(read.Errors);
        return ReferenceBuilder.Profile(schema, 5, read, chunkRows: 10);
    }
}
