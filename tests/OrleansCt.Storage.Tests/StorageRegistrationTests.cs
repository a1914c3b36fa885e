using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansCt.Storage.Catalog;
using OrleansCt.Storage.Faults;
using OrleansCt.Storage.Log;
using OrleansCt.Storage.Sqlite;
using OrleansCt.Testing;

namespace OrleansCt.Storage.Tests;

/// <summary>How the host wires the storage: one backend chosen by kind, one SQLite owner shared by all three services.</summary>
public sealed class StorageRegistrationTests
{
    [Fact]
    public async Task Sqlite_kind_registers_log_catalog_and_grain_storage_over_one_database()
    {
        var folder = TestFolders.Create("registration");
        var services = new ServiceCollection()
            .AddSerializer(builder => builder.AddAssembly(typeof(TestState).Assembly))
            .AddOrleansCtStorage(new StorageOptions { Kind = "sqlite", DataPath = folder, SqliteSynchronous = "normal" });

        await using (var provider = services.BuildServiceProvider())
        {
            Assert.IsType<GuardedEventLog>(provider.GetRequiredService<IEventLog>());
            Assert.IsType<GuardedModelCatalog>(provider.GetRequiredService<IModelCatalog>());
            Assert.Equal(StorageKinds.Sqlite, provider.GetRequiredService<StorageHealth>().Storage);
            Assert.IsType<SqliteGrainStorage>(provider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grain));
            Assert.Same(provider.GetRequiredService<SqliteDatabase>(), provider.GetRequiredService<SqliteDatabase>());
            await provider.GetRequiredService<IModelCatalog>().UpsertAsync("m", "{}", 1);
        }

        // The container closed the database, so the file opens again with the write in it.
        await using var reopened = SqliteDatabase.Open(folder);
        Assert.NotNull(await new SqliteModelCatalog(reopened).GetAsync("m"));
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
}
