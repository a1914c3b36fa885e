using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using OrleansCt.Core.Validation;

namespace OrleansCt.Core.SchemaInference;

/// <summary>Reading a reference from CSV text.</summary>
public sealed partial class ReferenceColumns
{
    /// <summary>Reads a UTF-8 CSV (a byte-order mark is honoured) from <paramref name="stream"/>, which stays open; see <see cref="ReadCsv(TextReader)"/>.</summary>
    public static ReferenceColumns ReadCsv(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        // Strict: a byte that is not UTF-8 refuses the reference instead of becoming U+FFFD in a category.
        using var reader = new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        try
        {
            return ReadCsv(reader);
        }
        catch (DecoderFallbackException)
        {
            throw new ReferenceFormatException("the reference is not valid UTF-8 text; send the CSV encoded as UTF-8.", 0);
        }
    }

    /// <summary>
    /// Reads a CSV: a header row of unique, non-empty names, then rows of as many fields, separated by commas, quoted with '"' where a field
    /// holds a comma, a quote or a line break. Blank lines are skipped; every value is kept as text. Throws a <see cref="ReferenceFormatException"/>
    /// naming the line for an empty file, a bad header, a header without rows, a row with another number of fields, or a stray or unclosed quote;
    /// and, naming the column as its field, for the limits events have: a column name longer than <see cref="BatchLimits.MaxFeatureNameLength"/>,
    /// a value longer than <see cref="BatchLimits.MaxCategoryLength"/> characters (the longest category; no number or time needs more), and more
    /// than <see cref="BatchLimits.MaxReferenceColumns"/> columns.
    /// </summary>
    public static ReferenceColumns ReadCsv(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture) { IgnoreBlankLines = false };
        using var parser = new CsvParser(reader, configuration, leaveOpen: true);
        string[]? header = null;
        List<string?>[] columns = [];
        var line = 1;
        while (Next(parser, line) is { } record)
        {
            var blank = parser.RawRecord.AsSpan().Trim("\r\n").IsEmpty;
            if (!blank && header is null)
            {
                header = CheckHeader(record, line);
                columns = header.Select(_ => new List<string?>()).ToArray();
            }
            else if (!blank)
            {
                AddRow(columns, header!, record, line);
            }

            // The next record starts on the line after the one this record ended on (a quoted field may span lines).
            line = parser.RawRow + 1;
        }

        if (header is null)
        {
            throw new ReferenceFormatException("line 1: the reference is empty; it needs a header row naming its columns, then one row per example.", 1);
        }

        if (columns[0].Count == 0)
        {
            throw new ReferenceFormatException($"line {line}: the header is not followed by any row; a reference needs at least one row of values.", line);
        }

        return new ReferenceColumns(header, columns);
    }

    /// <summary>The next record's fields, or null at the end. CsvHelper finds a bad quote when it splits the fields, so both happen here.</summary>
    private static string[]? Next(CsvParser parser, int line)
    {
        try
        {
            return parser.Read() ? parser.Record : null;
        }
        catch (BadDataException e)
        {
            throw new ReferenceFormatException(
                $"line {line}: a quote is not closed, or stands inside a field that does not start with one (near \"{Shorten(e.Field)}\"); quote a whole field and double any quote inside it.",
                line);
        }
    }

    private static string[] CheckHeader(string[] record, int line)
    {
        if (record.Length > BatchLimits.MaxReferenceColumns)
        {
            throw new ReferenceFormatException($"line {line}: the header names {record.Length} columns; a reference has at most {BatchLimits.MaxReferenceColumns}.", line);
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var j = 0; j < record.Length; j++)
        {
            if (record[j].Length == 0)
            {
                throw new ReferenceFormatException($"line {line}, column {j + 1}: the header gives this column no name; name every column.", line);
            }

            if (record[j].Length > BatchLimits.MaxFeatureNameLength)
            {
                var shown = record[j][..BatchLimits.MaxFeatureNameLength] + "…";
                throw new ReferenceFormatException(
                    $"line {line}, column {j + 1}: the column name is {record[j].Length} characters long; a name is at most {BatchLimits.MaxFeatureNameLength}, as a feature's is.",
                    line,
                    shown,
                    shown);
            }

            if (!seen.TryAdd(record[j], j))
            {
                throw new ReferenceFormatException(
                    $"line {line}, column {j + 1}: the header names '{record[j]}' again (column {seen[record[j]] + 1} has that name); column names must be unique.",
                    line,
                    record[j]);
            }
        }

        return record;
    }

    private static void AddRow(List<string?>[] columns, string[] header, string[] record, int line)
    {
        if (record.Length < header.Length)
        {
            throw new ReferenceFormatException(
                $"line {line}: the row has {record.Length} fields but the header names {header.Length} columns; it ends before column '{header[record.Length]}'.",
                line,
                header[record.Length]);
        }

        if (record.Length > header.Length)
        {
            throw new ReferenceFormatException(
                $"line {line}: the row has {record.Length} fields but the header names {header.Length} columns; field {header.Length + 1} (\"{Shorten(record[header.Length])}\") has no column.",
                line);
        }

        for (var j = 0; j < header.Length; j++)
        {
            if (record[j].Length > BatchLimits.MaxCategoryLength)
            {
                throw new ReferenceFormatException(
                    $"line {line}: the value in column '{header[j]}' is {record[j].Length} characters long; a reference value is at most {BatchLimits.MaxCategoryLength}, as a category is.",
                    line,
                    header[j],
                    header[j]);
            }

            columns[j].Add(record[j]);
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
