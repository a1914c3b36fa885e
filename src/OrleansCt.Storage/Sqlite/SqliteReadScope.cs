using System.Data.Common;
using Microsoft.Data.Sqlite;
using OrleansCt.Storage.Sql;

namespace OrleansCt.Storage.Sqlite;

/// <summary>A read-only connection kept open with its prepared commands, one caller at a time (see <see cref="SqliteDatabase.Read"/>).</summary>
internal sealed class SqliteReadScope(SqliteConnection connection) : ISqliteSession, IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteConnection Connection => connection;

    /// <summary>The read transaction the commands run in (see <see cref="SqliteDatabase.ReadSnapshotAsync"/>); null: each on its own.</summary>
    public SqliteTransaction? Transaction { get; set; }

    /// <summary>The prepared command for <paramref name="sql"/>, its parameters cleared.</summary>
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

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        connection.Dispose();
    }
}
