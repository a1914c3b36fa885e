namespace OrleansCt.Cli;

/// <summary>The options of "detect", parsed by hand (no parser package needed for four options).</summary>
public sealed record DetectOptions(string Detector, string Input, string? Column, IReadOnlyDictionary<string, string> Parameters)
{
    public static DetectOptions Parse(ReadOnlySpan<string> args)
    {
        string? detector = null, input = null, column = null;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var option = args[i];
            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new CliException(option.StartsWith("--", StringComparison.Ordinal) ? $"Option {option} needs a value." : $"Unexpected argument '{option}'.");
            }

            var value = args[++i];
            switch (option)
            {
                case "--detector":
                    detector = value;
                    break;
                case "--input":
                    input = value;
                    break;
                case "--column":
                    column = value;
                    break;
                case "--set":
                    var eq = value.IndexOf('=', StringComparison.Ordinal);
                    if (eq <= 0)
                    {
                        throw new CliException($"--set takes <param>=<value>, got '{value}'.");
                    }

                    if (!parameters.TryAdd(value[..eq].Trim(), value[(eq + 1)..]))
                    {
                        throw new CliException($"Parameter '{value[..eq].Trim()}' is set twice; set it once.");
                    }

                    break;
                default:
                    throw new CliException($"Unknown option '{option}' for detect; the options are --detector, --input, --column, --set.");
            }
        }

        return new DetectOptions(
            detector ?? throw new CliException("detect needs --detector."),
            input ?? throw new CliException("detect needs --input."),
            column,
            parameters);
    }
}
