using Orleans.Serialization;
using OrleansCt.Storage.GrainState;

namespace OrleansCt.Storage.Postgres;

/// <summary>Orleans grain storage in PostgreSQL: Orleans binary payloads with an integer ETag per row.</summary>
public sealed class PostgresGrainStorage(PostgresDatabase database, Serializer serializer)
    : GrainStateStorage(new PostgresGrainStateRows(database), serializer, StorageKinds.Postgres);
