using System.Globalization;

namespace OrleansCt.Cli;

/// <summary>Reads one numeric column of a CSV file with a header; the whole column is read before any detection so a bad value prints nothing else.</summary>
public static class CsvColumn
{
    public static double[] Read(string path, string? column)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"Input file '{path}' does not exist.");
        }

        using var reader = new StreamReader(path);
        var header = reader.ReadLine() ?? throw new CliException($"Input file '{path}' is empty; it needs a header line.");
        var names = SplitLine(header);
        var index = column is null ? names.Count - 1 : names.FindIndex(n => n == column);
        if (index < 0)
        {
            throw new CliException($"Column '{column}' is not in the header of '{path}'; the columns are {string.Join(", ", names)}.");
        }

        var values = new List<double>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = SplitLine(line);
            var text = index < fields.Count ? fields[index].Trim() : "";
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value))
            {
                throw new CliException($"Line {lineNumber} of '{path}': column '{names[index]}' holds '{text}', which is not a number.");
            }

            values.Add(value);
        }

        return [.. values];
    }

    /// <summary>Splits one line on commas, honouring double-quoted fields with "" as an escaped quote.</summary>
    private static List<string> SplitLine(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return fields;
    }
}
