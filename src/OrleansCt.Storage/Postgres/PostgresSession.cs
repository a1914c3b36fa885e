using System.Data.Common;
using Npgsql;
using OrleansCt.Storage.Sql;

namespace OrleansCt.Storage.Postgres;

/// <summary>A pooled connection (and its transaction, if any) for shared code; the commands it made are disposed with it.</summary>
internal sealed class PostgresSession(NpgsqlConnection connection, NpgsqlTransaction? transaction) : ISqlSession, IAsyncDisposable
{
    private readonly Dictionary<string, NpgsqlCommand> _commands = new(StringComparer.Ordinal);

    public NpgsqlCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = new NpgsqlCommand(sql, connection, transaction);
            _commands.Add(sql, command);
        }

        command.Parameters.Clear();
        return command;
    }

    DbCommand ISqlSession.Command(string sql) => Command(sql);

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync().ConfigureAwait(false);
        }

        _commands.Clear();
    }
}
