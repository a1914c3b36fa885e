using System.Security.Cryptography;
using OrleansCt.Storage.Artifacts;

namespace OrleansCt.Storage.Tests;

public abstract partial class StorageContract
{
    [Fact]
    public async Task A_put_artifact_reads_back_with_its_size_time_and_the_sha256_of_its_bytes()
    {
        var content = Bytes(10_000, seed: 1);

        await Storage.Artifacts.PutAsync("churn", "v1", content, createdUnixMs: 1_000);

        var artifact = await Storage.Artifacts.GetAsync("churn", "v1");
        Assert.NotNull(artifact);
        Assert.Equal(content, artifact.Content);
        var expected = new ArtifactInfo("churn", "v1", HexSha256(content), 10_000, 1_000, Dropped: false);
        Assert.Equal(expected, artifact.Info);
        Assert.Equal(expected, await Storage.Artifacts.GetInfoAsync("churn", "v1"));
        Assert.Null(await Storage.Artifacts.GetAsync("churn", "v2"));
        Assert.Null(await Storage.Artifacts.GetInfoAsync("churn", "v2"));
    }

    [Fact]
    public async Task Putting_the_same_bytes_again_changes_nothing_and_keeps_the_first_time()
    {
        var content = Bytes(2_000, seed: 2);
        await Storage.Artifacts.PutAsync("churn", "v1", content, 1_000);

        await Storage.Artifacts.PutAsync("churn", "v1", (byte[])content.Clone(), 5_000);

        var info = await Storage.Artifacts.GetInfoAsync("churn", "v1");
        Assert.Equal((1_000L, false), (info!.CreatedUnixMs, info.Dropped));
        Assert.Single(await Storage.Artifacts.ListAsync("churn"));
        Assert.Equal(content, (await Storage.Artifacts.GetAsync("churn", "v1"))!.Content);
    }

    [Fact]
    public async Task Different_bytes_under_a_stored_version_are_a_conflict_and_the_first_bytes_stay()
    {
        var first = Bytes(2_000, seed: 3);
        var other = Bytes(2_000, seed: 4);
        await Storage.Artifacts.PutAsync("churn", "v1", first, 1_000);

        var conflict = await Assert.ThrowsAsync<ArtifactConflictException>(() => Storage.Artifacts.PutAsync("churn", "v1", other, 2_000));

        Assert.Equal(("churn", "v1", HexSha256(first), HexSha256(other)), (conflict.Model, conflict.Version, conflict.StoredSha256, conflict.OfferedSha256));
        Assert.Contains("immutable", conflict.Message);
        Assert.Equal(first, (await Storage.Artifacts.GetAsync("churn", "v1"))!.Content);

        // The version keeps its identity after its bytes are dropped: still a conflict, still nothing stored.
        Assert.True(await Storage.Artifacts.DropAsync("churn", "v1"));
        await Assert.ThrowsAsync<ArtifactConflictException>(() => Storage.Artifacts.PutAsync("churn", "v1", other, 2_000));
        Assert.Null(await Storage.Artifacts.GetAsync("churn", "v1"));
    }

    [Fact]
    public async Task Concurrent_puts_of_one_version_store_it_once_and_only_one_set_of_bytes_wins()
    {
        var same = Bytes(50_000, seed: 20);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Storage.Artifacts.PutAsync("churn", "v1", same, 1_000 + i)));
        Assert.Equal(HexSha256(same), Assert.Single(await Storage.Artifacts.ListAsync("churn")).Sha256);

        var contenders = Enumerable.Range(0, 8).Select(i => Bytes(50_000, seed: 30 + i)).ToArray();
        var puts = contenders.Select(content => Storage.Artifacts.PutAsync("churn", "v2", content, 2_000)).ToArray();
        var outcomes = await Task.WhenAll(puts.Select(put => put.ContinueWith(done => done.Exception?.InnerException)));

        var winner = Assert.Single(outcomes.Select((error, i) => (error, i)), outcome => outcome.error is null).i;
        Assert.All(outcomes.Where(error => error is not null), error => Assert.IsType<ArtifactConflictException>(error));
        Assert.Equal(contenders[winner], (await Storage.Artifacts.GetAsync("churn", "v2"))!.Content);
    }

    [Fact]
    public async Task List_returns_a_models_versions_in_the_order_they_were_put_dropped_ones_included()
    {
        Assert.Empty(await Storage.Artifacts.ListAsync("churn"));
        string[] versions = ["v10", "v2", "a", "V1"];
        for (var i = 0; i < versions.Length; i++)
        {
            await Storage.Artifacts.PutAsync("churn", versions[i], Bytes(100 + i, seed: 10 + i), 1_000 - i);
        }

        await Storage.Artifacts.DropAsync("churn", "v2");
        await Storage.Artifacts.PutAsync("churn", "v10", Bytes(100, seed: 10), 9_999);

        var listed = await Storage.Artifacts.ListAsync("churn");

        Assert.Equal(versions, listed.Select(info => info.Version));
        Assert.Equal([false, true, false, false], listed.Select(info => info.Dropped));
        Assert.Equal([100L, 101L, 102L, 103L], listed.Select(info => info.Size));
        Assert.Equal(HexSha256(Bytes(102, seed: 12)), listed[2].Sha256);
    }

    [Fact]
    public async Task Drop_removes_the_bytes_keeps_the_record_and_is_false_when_nothing_is_left_to_drop()
    {
        var content = Bytes(5_000, seed: 5);
        await Storage.Artifacts.PutAsync("churn", "v1", content, 1_000);

        Assert.True(await Storage.Artifacts.DropAsync("churn", "v1"));

        Assert.Null(await Storage.Artifacts.GetAsync("churn", "v1"));
        Assert.Equal(new ArtifactInfo("churn", "v1", HexSha256(content), 5_000, 1_000, Dropped: true), await Storage.Artifacts.GetInfoAsync("churn", "v1"));
        Assert.False(await Storage.Artifacts.DropAsync("churn", "v1"));
        Assert.False(await Storage.Artifacts.DropAsync("churn", "never-put"));
    }

    [Fact]
    public async Task Putting_a_dropped_versions_own_bytes_again_gives_them_back()
    {
        var content = Bytes(5_000, seed: 6);
        await Storage.Artifacts.PutAsync("churn", "v1", content, 1_000);
        await Storage.Artifacts.DropAsync("churn", "v1");

        await Storage.Artifacts.PutAsync("churn", "v1", content, 2_000);

        var artifact = await Storage.Artifacts.GetAsync("churn", "v1");
        Assert.Equal(content, artifact!.Content);
        Assert.Equal((1_000L, false), (artifact.Info.CreatedUnixMs, artifact.Info.Dropped));
    }

    [Fact]
    public async Task Artifacts_and_drops_are_seen_after_reopening()
    {
        var kept = Bytes(3_000, seed: 7);
        await Storage.Artifacts.PutAsync("churn", "v1", kept, 1_000);
        await Storage.Artifacts.PutAsync("churn", "v2", Bytes(3_000, seed: 8), 2_000);
        await Storage.Artifacts.DropAsync("churn", "v2");

        await Storage.DisposeAsync();
        Storage = await OpenAsync();

        Assert.Equal(kept, (await Storage.Artifacts.GetAsync("churn", "v1"))!.Content);
        Assert.Null(await Storage.Artifacts.GetAsync("churn", "v2"));
        Assert.Equal([false, true], (await Storage.Artifacts.ListAsync("churn")).Select(info => info.Dropped));
    }

    [Fact]
    public async Task An_artifact_of_the_default_limit_64_MiB_round_trips()
    {
        var content = Bytes(checked((int)StorageOptions.DefaultMaxArtifactBytes), seed: 64);
        Assert.Equal(StorageOptions.DefaultMaxArtifactBytes, Storage.Artifacts.MaxArtifactBytes);

        await Storage.Artifacts.PutAsync("big", "v1", content, 1_000);
        var artifact = await Storage.Artifacts.GetAsync("big", "v1");

        Assert.NotNull(artifact);
        Assert.Equal(content.LongLength, artifact.Size);
        Assert.True(content.AsSpan().SequenceEqual(artifact.Content), "the 64 MiB read back differ from those put");
        Assert.Equal(HexSha256(content), artifact.Sha256);
    }

    [Fact]
    public async Task Stored_bytes_that_no_longer_match_their_record_are_reported_as_corrupt_naming_the_version()
    {
        await Storage.Artifacts.PutAsync("churn", "v1", Bytes(4_000, seed: 9), 1_000);
        await Storage.Artifacts.PutAsync("churn", "v2", Bytes(4_000, seed: 10), 1_000);
        await Storage.Artifacts.PutAsync("churn", "v3", Bytes(4_000, seed: 11), 1_000);

        // As the disk or an operator might leave them: other bytes of the same length, and a truncated copy.
        await ExecuteSqlAsync(
            "UPDATE artifacts SET content = (SELECT content FROM artifacts WHERE model = 'churn' AND version = 'v2') WHERE model = 'churn' AND version = 'v1'");
        await ExecuteSqlAsync("UPDATE artifacts SET content = substr(content, 1, 10) WHERE model = 'churn' AND version = 'v3'");

        var swapped = await Assert.ThrowsAsync<ArtifactCorruptException>(() => Storage.Artifacts.GetAsync("churn", "v1"));
        Assert.Equal(("churn", "v1"), (swapped.Model, swapped.Version));
        Assert.Contains("'v1' of model 'churn'", swapped.Message);
        Assert.Contains("SHA-256", swapped.Message);
        var truncated = await Assert.ThrowsAsync<ArtifactCorruptException>(() => Storage.Artifacts.GetAsync("churn", "v3"));
        Assert.Contains("10 bytes are stored where 4,000 were put", truncated.Message);
        Assert.NotNull(await Storage.Artifacts.GetAsync("churn", "v2"));
    }

    [Fact]
    public async Task An_artifact_over_the_limit_is_refused_naming_its_size_and_the_limit_and_nothing_is_stored()
    {
        var limit = Storage.Artifacts.MaxArtifactBytes;
        var content = new byte[limit + 1];

        var refused = await Assert.ThrowsAsync<ArtifactTooLargeException>(() => Storage.Artifacts.PutAsync("churn", "v1", content, 1_000));

        Assert.IsAssignableFrom<ArgumentOutOfRangeException>(refused);
        Assert.Equal((limit + 1, limit), (refused.Size, refused.Limit));
        Assert.Contains("67,108,865 bytes, over the limit of 67,108,864 bytes", refused.Message);
        Assert.Null(await Storage.Artifacts.GetInfoAsync("churn", "v1"));
        Assert.Empty(await Storage.Artifacts.ListAsync("churn"));
    }

    [Fact]
    public async Task Models_keep_their_artifacts_apart()
    {
        var ofA = Bytes(1_000, seed: 12);
        var ofB = Bytes(1_000, seed: 13);
        await Storage.Artifacts.PutAsync("a", "v1", ofA, 1_000);

        // The same version name under another model is another artifact, not a conflict.
        await Storage.Artifacts.PutAsync("b", "v1", ofB, 2_000);
        Assert.True(await Storage.Artifacts.DropAsync("a", "v1"));

        Assert.Null(await Storage.Artifacts.GetAsync("a", "v1"));
        Assert.Equal(ofB, (await Storage.Artifacts.GetAsync("b", "v1"))!.Content);
        Assert.Equal(["b"], (await Storage.Artifacts.ListAsync("b")).Select(info => info.Model));
        Assert.Empty(await Storage.Artifacts.ListAsync("c"));
    }

    [Fact]
    public async Task An_empty_artifact_is_stored_as_empty_bytes()
    {
        await Storage.Artifacts.PutAsync("churn", "empty", [], 1_000);

        var artifact = await Storage.Artifacts.GetAsync("churn", "empty");

        Assert.Empty(artifact!.Content);
        Assert.Equal(HexSha256([]), artifact.Sha256);
        Assert.False(artifact.Info.Dropped);
    }

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    // Computed here, not by the store: the test's own SHA-256 of the bytes it put.
    private static string HexSha256(byte[] content) => Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant();
}
