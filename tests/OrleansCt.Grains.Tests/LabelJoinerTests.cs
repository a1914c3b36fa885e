using OrleansCt.Core.Hashing;
using OrleansCt.Core.Labels;
using OrleansCt.Grains.Model;

namespace OrleansCt.Grains.Tests;

/// <summary>The label join on a real SQLite log, with the joins worked from the entries logged in each test.</summary>
public sealed class LabelJoinerTests : IAsyncLifetime
{
    private readonly TestLog _store = new();

    [Fact]
    public async Task Each_label_is_a_duplicate_joined_to_its_event_or_unmatched()
    {
        var log = await _store.OpenAsync();
        var events = TestLog.Events(1_000, ["a", "b"]);
        await log.Reserve(events, EventIdHash.Of(["a", "b"])).Durable;
        var batch = new LabelBatch(["b", "x", "a"], [1, 0, 1]);

        var (entries, located) = await new LabelJoiner(log).FindEventsAsync(batch);
        // "a" was labelled before, in (made-up) sequence 5; "b" and "x" were not.
        var join = LabelJoiner.Join(batch, [(0, 0), (0, 0), (5, 0)], entries, located);

        // b → sequence 1, row 1 of the events, row 0 of Joined; x → never logged: unmatched; a → duplicate, answered from 5.
        Assert.Equal([1L, LabelJoin.Unmatched, LabelJoin.Duplicate], join.EventSequences);
        Assert.Equal([0, -1, -1], join.EventRows);
        Assert.Equal(1, Assert.Single(join.Joined).Row);
        Assert.Same(events, join.Joined[0].Entry);
        Assert.Equal((1, 1), (join.Duplicates, join.Unmatched));
        Assert.Equal([1L, 5L], join.AnsweredFrom.Order());

        var entry = LabelJoiner.Entry(9_000, batch, join, new Core.Schema.ModelSchema(TestLog.Definition));
        // The joined row is b's: x = 2, c = "a", predictions (0.8, 0.2) (row 1 of TestLog.Events), arrived at 1,000.
        Assert.Equal(["b"], entry.Joined.Ids);
        Assert.Equal([2.0], entry.Joined.Numeric[0]);
        Assert.Equal(new string?[] { "a" }, entry.Joined.Categorical[0]);
        Assert.Equal([0.8, 0.2], entry.JoinedPredictions.Scores);
        Assert.Equal([1_000L], entry.JoinedArrivalUnixMs);
        Assert.Equal((9_000L, batch.Ids, batch.Labels), (entry.ArrivalUnixMs, entry.Ids, entry.Labels));
    }

    [Fact]
    public async Task A_label_joins_an_event_that_only_storage_still_holds()
    {
        // After a reopen with room for one entry in memory, "a" (sequence 1) is known only to the stored id index and the log.
        var options = new ModelGrainOptions { RecentIds = 1, RecentEvents = 1 };
        var log = await _store.OpenAsync(options: options);
        await log.Reserve(TestLog.Events(1_000, ["a"]), EventIdHash.Of(["a"])).Durable;
        await log.Reserve(TestLog.Events(2_000, ["b"]), EventIdHash.Of(["b"])).Durable;
        var reopened = await _store.OpenAsync(nowUnixMs: 2_000, options);
        Assert.Null(reopened.FindRecentEvents(1));

        var (entries, located) = await new LabelJoiner(reopened).FindEventsAsync(new LabelBatch(["a", "c"], [1, 0]));

        Assert.Equal([(1L, 0), (0L, 0)], located);
        Assert.Equal(["a"], entries[0]!.Batch.Ids);
        Assert.Null(entries[1]);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _store.DisposeAsync();
}
