using System.Data.Common;

namespace OrleansCt.Storage.Sql;

/// <summary>Binding and reading that both ADO.NET providers do alike.</summary>
internal static class SqlCommandExtensions
{
    /// <summary>Adds a parameter named as in the SQL text (<c>@name</c>): SQLite then finds it with one look-up.</summary>
    public static DbCommand With(this DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return command;
    }

    /// <summary>A scalar that is never NULL (a COUNT, or a COALESCE'd aggregate) as a long, whichever integer type the backend gives.</summary>
    public static async Task<long> Int64Async(this DbCommand command, CancellationToken cancellationToken) =>
        Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
}
