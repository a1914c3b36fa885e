using Microsoft.Extensions.Logging.Abstractions;
using OrleansCt.Core.Hashing;
using OrleansCt.Grains.Log;
using OrleansCt.Abstractions.Storage;
using OrleansCt.Grains.Model;
using OrleansCt.Storage.Log;

namespace OrleansCt.Grains.Tests;

/// <summary>The append pipeline on a real SQLite log, run one turn at a time as on a grain.</summary>
public sealed class AppendPipelineTests : IAsyncLifetime
{
    private readonly TestLog _store = new();
    private readonly List<long> _applied = [];
    private int _drained;
    private int _broke;
    private Exception? _brokeWith;

    [Fact]
    public Task Entries_apply_in_sequence_order_once_durable_and_the_revision_counts_when_taken() => GrainTurns.Run(async () =>
    {
        var (pipeline, applier, _) = await OpenAsync();

        // Taking the definition entry moves the reserved revision to 1 at once, before it is durable or applied.
        var definition = pipeline.Append(new DefinitionEntry(0, TestLog.Definition, 1), []);
        Assert.Equal(1, pipeline.ReservedRevision);
        var events = pipeline.Append(TestLog.Events(1_000, ["a", "b"], labels: [1, 0]), EventIdHash.Of(["a", "b"]));
        var labels = pipeline.Append(Unmatched(2_000, "z"), LabelIdHash.Of(["z"]));
        Assert.Equal((1L, 2L, 3L), (definition.Sequence, events.Sequence, labels.Sequence));

        await pipeline.EnsureAppliedAsync();

        Assert.Equal([1L, 2L, 3L], _applied);
        Assert.True(_drained > 0);
        // Events 2 (sequence 2), labels 2 learned with them, 1 unmatched label (sequence 3).
        Assert.Equal((3L, 2L, 2L, 1L), (applier.AppliedSequence, applier.Events, applier.Labels, applier.UnmatchedLabels));
        Assert.Equal(0, _broke);
    });

    [Fact]
    public Task The_head_is_the_prelearned_copy_until_a_label_entry_and_then_the_applied_learner() => GrainTurns.Run(async () =>
    {
        var (pipeline, applier, _) = await OpenAsync();
        pipeline.Append(new DefinitionEntry(0, TestLog.Definition, 1), []);
        Assert.Null(pipeline.Head);

        // Nothing else taken: once everything is applied the applied learner is the head.
        var applied = await pipeline.HeadLearnerAsync();
        Assert.Equal(1, applier.AppliedSequence);
        Assert.Same(applier.Learner, applied);

        var prelearned = applier.Learner!.Clone();
        pipeline.Append(TestLog.Events(1_000, ["a"], labels: [1]), EventIdHash.Of(["a"]), prelearned: prelearned);
        Assert.Same(prelearned, pipeline.Head);

        // A label entry may change the learner in ways only applying shows: no head until then.
        pipeline.Append(Unmatched(2_000, "z"), LabelIdHash.Of(["z"]));
        Assert.Null(pipeline.Head);
        var head = await pipeline.HeadLearnerAsync();
        Assert.Equal(3L, applier.AppliedSequence);
        Assert.Same(applier.Learner, head);
        Assert.Same(prelearned, head);
    });

    [Fact]
    public Task A_failed_append_breaks_the_pipeline_once_and_refuses_every_later_request() => GrainTurns.Run(async () =>
    {
        var (pipeline, _, _) = await OpenAsync();
        // Another writer takes sequence 1 behind the model log's back: the fenced append of our sequence 1 fails.
        await _store.EventLog.AppendAsync(new LogRecord(TestLog.Model, 1, LogEntryKind.Control, 0, 0, 0, 0, [1], []));

        var (sequence, durable) = pipeline.Append(new DefinitionEntry(0, TestLog.Definition, 1), []);

        Assert.Equal(1, sequence);
        await Assert.ThrowsAsync<LogConflictException>(() => durable);
        Assert.Equal(1, _broke);
        Assert.Throws<InvalidOperationException>(pipeline.ThrowIfBroken);
        Assert.Throws<InvalidOperationException>(() => pipeline.Append(new DefinitionEntry(0, TestLog.Definition, 2), []));
        await Assert.ThrowsAsync<InvalidOperationException>(pipeline.EnsureAppliedAsync);
        await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline.DurableAsync(1));
        Assert.Equal(1, _broke);
        Assert.Empty(_applied);
    });

    [Fact]
    public Task A_full_disk_breaks_the_pipeline_as_the_storage_and_a_read_settles_on_what_was_durable() => GrainTurns.Run(async () =>
    {
        var (pipeline, applier, _) = await OpenAsync(guarded: true);
        await pipeline.Append(new DefinitionEntry(0, TestLog.Definition, 1), []).Durable;
        await _store.Database.SetMaxPagesAsync(1);

        // Entries of 500 events each until the capped file refuses one; the ones before it are durable.
        var stored = 0;
        StorageUnavailableException? refused = null;
        while (refused is null)
        {
            var ids = Enumerable.Range(0, 500).Select(i => $"e{stored}-{i}").ToArray();
            try
            {
                await pipeline.Append(TestLog.Events(1_000 + stored, ids, labels: [.. ids.Select(_ => 1.0)]), EventIdHash.Of(ids)).Durable;
                Assert.True(++stored < 200, "200 entries of 500 events went into a file capped at its size");
            }
            catch (StorageUnavailableException e)
            {
                refused = e;
            }
        }

        Assert.Equal((1, StorageProblem.Full), (_broke, refused.Problem));
        Assert.True(pipeline.BrokenByStorage);
        Assert.IsType<StorageUnavailableException>(_brokeWith);
        Assert.Equal(StorageProblem.Full, Assert.Throws<StorageUnavailableException>(pipeline.ThrowIfBroken).Problem);
        await Assert.ThrowsAsync<StorageUnavailableException>(pipeline.EnsureAppliedAsync);

        // A read waits for what was durable and then answers: the definition and every stored entry, nothing of the refused one.
        await pipeline.SettleAsync();
        Assert.Equal((1L + stored, 500L * stored), (applier.AppliedSequence, applier.Events));
    });

    [Fact]
    public Task Resume_takes_the_revision_of_entries_applied_outside_the_pipeline() => GrainTurns.Run(async () =>
    {
        var (pipeline, applier, _) = await OpenAsync();
        Assert.Equal(0, pipeline.ReservedRevision);

        // As a replay on activation does: applied straight to the applier.
        applier.Apply(1, new DefinitionEntry(0, TestLog.Definition, 3));
        pipeline.Resume();

        Assert.Equal(3, pipeline.ReservedRevision);
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private async Task<(AppendPipeline Pipeline, ModelApplier Applier, ModelLog Log)> OpenAsync(bool guarded = false)
    {
        var log = await _store.OpenAsync(guarded: guarded);
        var applier = new ModelApplier(new ModelState());
        var pipeline = new AppendPipeline(TestLog.Model, log, applier, _ => _applied.Add(applier.AppliedSequence), () => _drained++, e => (_broke, _brokeWith) = (_broke + 1, e), NullLogger.Instance);
        return (pipeline, applier, log);
    }

    private static LabelsEntry Unmatched(long arrivalUnixMs, string id)
    {
        var none = TestLog.Events(0, []);
        return new LabelsEntry(arrivalUnixMs, [id], [1], [LabelJoin.Unmatched], [-1], none.Batch, none.Predictions, []);
    }
}
