namespace OrleansCt.Storage;

/// <summary>The storage backends, as configured ("OrleansCt:Storage:Kind") and as named in errors and in /health.</summary>
public static class StorageKinds
{
    public const string Sqlite = "sqlite";

    public const string Postgres = "postgres";
}
