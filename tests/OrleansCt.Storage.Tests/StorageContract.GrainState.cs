using Orleans;
using Orleans.Storage;

namespace OrleansCt.Storage.Tests;

public abstract partial class StorageContract
{
    [Fact]
    public async Task Grain_state_round_trips_through_the_Orleans_serializer_with_counting_ETags()
    {
        var state = new GrainState<TestState> { State = new TestState { Name = "Привет", Counter = long.MaxValue, Values = [1.5, double.NaN, -0.0] } };

        await Storage.Grains.WriteStateAsync("profile", GrainOf("g1"), state);
        Assert.Equal(("1", true), (state.ETag, state.RecordExists));
        var read = new GrainState<TestState> { State = new TestState() };
        await Storage.Grains.ReadStateAsync("profile", GrainOf("g1"), read);

        Assert.Equal(("1", true), (read.ETag, read.RecordExists));
        Assert.Equal(("Привет", long.MaxValue), (read.State.Name, read.State.Counter));
        Assert.Equal([1.5, double.NaN, -0.0], read.State.Values);
        Assert.True(double.IsNegative(read.State.Values[2]));

        read.State.Counter = 7;
        await Storage.Grains.WriteStateAsync("profile", GrainOf("g1"), read);
        Assert.Equal("2", read.ETag);
    }

    [Fact]
    public async Task Reading_missing_grain_state_leaves_the_default_state_and_no_record()
    {
        var initial = new TestState { Name = "default" };
        var read = new GrainState<TestState> { State = initial, ETag = null };

        await Storage.Grains.ReadStateAsync("profile", GrainOf("nobody"), read);

        Assert.Same(initial, read.State);
        Assert.Equal((null, false), (read.ETag, read.RecordExists));
    }

    [Fact]
    public async Task Writing_with_a_stale_ETag_throws_InconsistentStateException_and_keeps_the_stored_state()
    {
        var first = new GrainState<TestState> { State = new TestState { Name = "first" } };
        await Storage.Grains.WriteStateAsync("s", GrainOf("g"), first);
        var second = new GrainState<TestState> { State = new TestState { Name = "second" }, ETag = "1" };
        await Storage.Grains.WriteStateAsync("s", GrainOf("g"), second);

        first.State.Name = "stale";
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.Grains.WriteStateAsync("s", GrainOf("g"), first));

        Assert.Equal(("2", "1"), (conflict.StoredEtag, conflict.CurrentEtag));
        Assert.Equal("1", first.ETag);
        var read = new GrainState<TestState> { State = new TestState() };
        await Storage.Grains.ReadStateAsync("s", GrainOf("g"), read);
        Assert.Equal(("second", "2"), (read.State.Name, read.ETag));
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.Grains.WriteStateAsync("s", GrainOf("g"), new GrainState<TestState> { State = new TestState(), ETag = "99" }));
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.Grains.WriteStateAsync("s", GrainOf("g"), new GrainState<TestState> { State = new TestState(), ETag = "not-ours" }));
    }

    [Fact]
    public async Task Writing_without_an_ETag_over_an_existing_row_is_a_conflict()
    {
        await Storage.Grains.WriteStateAsync("s", GrainOf("g"), new GrainState<TestState> { State = new TestState { Name = "first" } });

        // As a second activation would: it never read the row, so it holds no ETag.
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.Grains.WriteStateAsync("s", GrainOf("g"), new GrainState<TestState> { State = new TestState { Name = "second" } }));

        Assert.Equal("1", conflict.StoredEtag);
        var read = new GrainState<TestState> { State = new TestState() };
        await Storage.Grains.ReadStateAsync("s", GrainOf("g"), read);
        Assert.Equal("first", read.State.Name);
    }

    [Fact]
    public async Task Clearing_removes_the_record_and_moves_the_ETag_on_so_older_ETags_stay_stale()
    {
        var state = new GrainState<TestState> { State = new TestState { Name = "x" } };
        await Storage.Grains.WriteStateAsync("s", GrainOf("g"), state);

        await Storage.Grains.ClearStateAsync("s", GrainOf("g"), state);

        Assert.Equal(("2", false), (state.ETag, state.RecordExists));
        var read = new GrainState<TestState> { State = new TestState { Name = "default" } };
        await Storage.Grains.ReadStateAsync("s", GrainOf("g"), read);
        Assert.Equal(("default", "2", false), (read.State.Name, read.ETag, read.RecordExists));
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.Grains.WriteStateAsync("s", GrainOf("g"), new GrainState<TestState> { State = new TestState(), ETag = "1" }));
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.Grains.ClearStateAsync("s", GrainOf("g"), new GrainState<TestState> { State = new TestState(), ETag = "1" }));

        read.State.Name = "again";
        await Storage.Grains.WriteStateAsync("s", GrainOf("g"), read);
        Assert.Equal(("3", true), (read.ETag, read.RecordExists));
    }

    [Fact]
    public async Task Clearing_state_that_was_never_written_is_a_no_op_but_clearing_blind_over_a_row_conflicts()
    {
        var never = new GrainState<TestState> { State = new TestState() };
        await Storage.Grains.ClearStateAsync("s", GrainOf("never"), never);
        Assert.Equal((null, false), (never.ETag, never.RecordExists));

        await Storage.Grains.WriteStateAsync("s", GrainOf("g"), new GrainState<TestState> { State = new TestState() });
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.Grains.ClearStateAsync("s", GrainOf("g"), new GrainState<TestState> { State = new TestState() }));
    }

    [Fact]
    public async Task State_names_grain_types_and_keys_are_separate_rows()
    {
        var ids = new[] { ("a", GrainOf("k")), ("b", GrainOf("k")), ("a", GrainOf("k", "other-type")), ("a", GrainOf("k2")) };
        foreach (var (stateName, grainId) in ids)
        {
            await Storage.Grains.WriteStateAsync(stateName, grainId, new GrainState<TestState> { State = new TestState { Name = $"{stateName}|{grainId}" } });
        }

        foreach (var (stateName, grainId) in ids)
        {
            var read = new GrainState<TestState> { State = new TestState() };
            await Storage.Grains.ReadStateAsync(stateName, grainId, read);
            Assert.Equal(($"{stateName}|{grainId}", "1"), (read.State.Name, read.ETag));
        }
    }
}
