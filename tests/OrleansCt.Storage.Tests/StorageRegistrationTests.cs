using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansCt.Storage.Artifacts;
using OrleansCt.Storage.Catalog;
using OrleansCt.Storage.Faults;
using OrleansCt.Storage.Log;
using OrleansCt.Storage.Sqlite;
using OrleansCt.Testing;

namespace OrleansCt.Storage.Tests;

/// <summary>How the host wires the storage: one backend chosen by kind, one SQLite owner shared by all its services.</summary>
public sealed class StorageRegistrationTests
{
    [Fact]
    public async Task Sqlite_kind_registers_log_catalog_artifacts_and_grain_storage_over_one_database()
    {
        var folder = TestFolders.Create("registration");
        var services = new ServiceCollection()
            .AddSerializer(builder => builder.AddAssembly(typeof(TestState).Assembly))
            .AddOrleansCtStorage(new StorageOptions { Kind = "sqlite", DataPath = folder, SqliteSynchronous = "normal", MaxArtifactBytes = 1_000 });

        await using (var provider = services.BuildServiceProvider())
        {
            Assert.IsType<GuardedEventLog>(provider.GetRequiredService<IEventLog>());
            Assert.IsType<GuardedModelCatalog>(provider.GetRequiredService<IModelCatalog>());
            var artifacts = Assert.IsType<GuardedArtifactStore>(provider.GetRequiredService<IArtifactStore>());
            Assert.Equal(1_000, artifacts.MaxArtifactBytes);
            Assert.Equal(StorageKinds.Sqlite, provider.GetRequiredService<StorageHealth>().Storage);
            Assert.IsType<SqliteGrainStorage>(provider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grain));
            Assert.Same(provider.GetRequiredService<SqliteDatabase>(), provider.GetRequiredService<SqliteDatabase>());
            await provider.GetRequiredService<IModelCatalog>().UpsertAsync("m", "{}", 1);
            await artifacts.PutAsync("m", "v1", [1, 2, 3], 1);
        }

        // The container closed the database, so the file opens again with the write in it.
        await using var reopened = SqliteDatabase.Open(folder);
        Assert.NotNull(await new SqliteModelCatalog(reopened).GetAsync("m"));
        Assert.Equal([1, 2, 3], (await new SqliteArtifactStore(reopened).GetAsync("m", "v1"))!.Content);
    }

    [Theory]
    [InlineData("mysql", "OrleansCt:Storage:Kind is 'mysql'")]
    [InlineData("", "OrleansCt:Storage:Kind is ''")]
    public void An_unknown_kind_is_refused_with_the_choices(string kind, string start)
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddOrleansCtStorage(new StorageOptions { Kind = kind }));

        Assert.StartsWith(start, error.Message);
        Assert.Contains("\"sqlite\"", error.Message);
        Assert.Contains("\"postgres\"", error.Message);
    }

    [Fact]
    public void Postgres_kind_without_a_connection_string_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddOrleansCtStorage(new StorageOptions { Kind = "postgres" }));

        Assert.StartsWith("OrleansCt:Storage:ConnectionString is empty", error.Message);
    }

    [Fact]
    public void A_synchronous_mode_other_than_full_or_normal_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(
            () => new ServiceCollection().AddOrleansCtStorage(new StorageOptions { SqliteSynchronous = "off" }));

        Assert.StartsWith("OrleansCt:Storage:SqliteSynchronous is 'off'", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(StorageOptions.LargestMaxArtifactBytes + 1)]
    public void An_artifact_limit_that_is_not_positive_or_past_512_MiB_is_refused(long limit)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => new ServiceCollection().AddOrleansCtStorage(new StorageOptions { MaxArtifactBytes = limit }));

        Assert.StartsWith($"OrleansCt:Storage:MaxArtifactBytes is {limit}", error.Message);
    }
}
