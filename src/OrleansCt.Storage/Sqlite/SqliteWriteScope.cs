using System.Data.Common;
using Microsoft.Data.Sqlite;
using OrleansCt.Storage.Sql;

namespace OrleansCt.Storage.Sqlite;

/// <summary>The writer connection as one write sees it: the group's transaction and reusable prepared commands.</summary>
internal sealed class SqliteWriteScope(SqliteConnection connection) : ISqliteSession, IDisposable
{
    // Commands are kept per SQL text so each statement is prepared once for the life of the writer connection.
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteConnection Connection => connection;

    public SqliteTransaction? Transaction { get; set; }

    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }

        command.Transaction = Transaction;
        command.Parameters.Clear();
        return command;
    }

    DbCommand ISqlSession.Command(string sql) => Command(sql);

    /// <summary>Runs a statement without parameters (a savepoint's) through its prepared command.</summary>
    public void Execute(string sql) => Command(sql).ExecuteNonQuery();

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
