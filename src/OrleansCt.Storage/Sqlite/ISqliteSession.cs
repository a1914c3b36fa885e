using Microsoft.Data.Sqlite;
using OrleansCt.Storage.Sql;

namespace OrleansCt.Storage.Sqlite;

/// <summary>A SQLite session with its connection, for what goes past SQL: incremental BLOB I/O, inside the session's transaction.</summary>
internal interface ISqliteSession : ISqlSession
{
    SqliteConnection Connection { get; }
}
