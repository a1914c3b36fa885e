using Orleans.Serialization;
using OrleansCt.Storage.GrainState;

namespace OrleansCt.Storage.Sqlite;

/// <summary>Orleans grain storage in the embedded SQLite file: Orleans binary payloads with an integer ETag per row.</summary>
public sealed class SqliteGrainStorage(SqliteDatabase database, Serializer serializer)
    : GrainStateStorage(new SqliteGrainStateRows(database), serializer, StorageKinds.Sqlite);
