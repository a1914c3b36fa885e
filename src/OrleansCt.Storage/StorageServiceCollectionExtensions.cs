using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using OrleansCt.Storage.Artifacts;
using OrleansCt.Storage.Catalog;
using OrleansCt.Storage.Faults;
using OrleansCt.Storage.Log;
using OrleansCt.Storage.Postgres;
using OrleansCt.Storage.Sqlite;

namespace OrleansCt.Storage;

/// <summary>Registers the event log, the model catalog, the artifact store and the "orleansct" grain storage for the configured backend.</summary>
public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddOrleansCtStorage(this IServiceCollection services, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        StorageOptions.CheckMaxArtifactBytes(options.MaxArtifactBytes);
        switch (options.Kind?.Trim().ToLowerInvariant())
        {
            case StorageKinds.Sqlite:
                AddSqlite(services, options);
                break;
            case StorageKinds.Postgres:
                AddPostgres(services, options);
                break;
            default:
                throw new ArgumentException(
                    $"OrleansCt:Storage:Kind is '{options.Kind}': use \"sqlite\" (embedded, the default) or \"postgres\" (with OrleansCt:Storage:ConnectionString).",
                    nameof(options));
        }

        return services;
    }

    private static void AddSqlite(IServiceCollection services, StorageOptions options)
    {
        // Checked now so a bad setting fails at start-up, not at the first write.
        var dataPath = options.DataPath;
        var synchronous = options.SqliteSynchronous;
        SqliteDatabase.ParseSynchronous(synchronous);
        if (string.IsNullOrWhiteSpace(dataPath))
        {
            throw new ArgumentException("OrleansCt:Storage:DataPath is empty: set the folder for the SQLite file (default \"./data\").", nameof(options));
        }

        // One owner of the file for all of them: one writer loop, and the container closes it once at shutdown.
        var maxPages = options.SqliteMaxPages;
        if (maxPages is <= 0)
        {
            throw new ArgumentException($"OrleansCt:Storage:SqliteMaxPages is {maxPages}: leave it unset (no cap) or give a positive number of pages.", nameof(options));
        }

        services.AddSingleton(_ => SqliteDatabase.Open(dataPath, synchronous, maxPages));
        services.AddSingleton<IEventLog>(sp => new GuardedEventLog(new SqliteEventLog(sp.GetRequiredService<SqliteDatabase>()), StorageKinds.Sqlite));
        services.AddSingleton<IModelCatalog>(sp => new GuardedModelCatalog(new SqliteModelCatalog(sp.GetRequiredService<SqliteDatabase>()), StorageKinds.Sqlite));
        var maxArtifactBytes = options.MaxArtifactBytes;
        services.AddSingleton<IArtifactStore>(sp => new GuardedArtifactStore(
            new SqliteArtifactStore(sp.GetRequiredService<SqliteDatabase>(), maxArtifactBytes), StorageKinds.Sqlite));
        services.AddSingleton(sp => StorageHealth.ForSqlite(sp.GetRequiredService<SqliteDatabase>(), TimeProvider.System));
        services.AddGrainStorage(StorageNames.Grain, (sp, _) => new SqliteGrainStorage(sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<Serializer>()));
        services.AddGrainStorage(StorageNames.PubSub, (sp, _) => new SqliteGrainStorage(sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<Serializer>()));
    }

    private static void AddPostgres(IServiceCollection services, StorageOptions options)
    {
        var connectionString = options.ConnectionString;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException(
                "OrleansCt:Storage:ConnectionString is empty: the \"postgres\" kind needs an Npgsql connection string (Host=…;Username=…;Password=…;Database=…).",
                nameof(options));
        }

        services.AddSingleton(_ => new PostgresDatabase(connectionString));
        services.AddSingleton<IEventLog>(sp => new GuardedEventLog(new PostgresEventLog(sp.GetRequiredService<PostgresDatabase>()), StorageKinds.Postgres));
        services.AddSingleton<IModelCatalog>(sp => new GuardedModelCatalog(new PostgresModelCatalog(sp.GetRequiredService<PostgresDatabase>()), StorageKinds.Postgres));
        var maxArtifactBytes = options.MaxArtifactBytes;
        services.AddSingleton<IArtifactStore>(sp => new GuardedArtifactStore(
            new PostgresArtifactStore(sp.GetRequiredService<PostgresDatabase>(), maxArtifactBytes), StorageKinds.Postgres));
        services.AddSingleton(sp => StorageHealth.ForPostgres(sp.GetRequiredService<PostgresDatabase>(), TimeProvider.System));
        services.AddGrainStorage(StorageNames.Grain, (sp, _) => new PostgresGrainStorage(sp.GetRequiredService<PostgresDatabase>(), sp.GetRequiredService<Serializer>()));
        services.AddGrainStorage(StorageNames.PubSub, (sp, _) => new PostgresGrainStorage(sp.GetRequiredService<PostgresDatabase>(), sp.GetRequiredService<Serializer>()));
    }
}
