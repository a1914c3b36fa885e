using System.Data.Common;

namespace OrleansCt.Storage.Sql;

/// <summary>
/// One connection (and its transaction, if any) as shared code sees it: a command per SQL text, its parameters cleared. How
/// the connection is had — SQLite's single writer or a read session, a pooled Npgsql connection — stays with the backend.
/// </summary>
internal interface ISqlSession
{
    DbCommand Command(string sql);
}
