namespace OrleansCt.Core.SchemaInference;

/// <summary>A reference CSV that cannot be read as a table, or passes a limit: its message names the line (and the column, when one is at fault) and the problem.</summary>
public sealed class ReferenceFormatException : Exception
{
    public ReferenceFormatException(string message, int line, string? column = null, string field = "body")
        : base(message)
    {
        Line = line;
        Column = column;
        Field = field;
    }

    /// <summary>The field a problem answer names: the column whose value or name passes a limit; <c>body</c> for the table's shape.</summary>
    public string Field { get; }

    /// <summary>The 1-based line of the file where the faulty row (or the header) starts.</summary>
    public int Line { get; }

    /// <summary>The column at fault, when the problem lies in one.</summary>
    public string? Column { get; }
}
