namespace OrleansCt.Cli;

/// <summary>The command-line entry: picks the command and maps failures to exit codes (0 done, 2 bad usage or input).</summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int UsageError = 2;

    public const string Usage = """
        usage: orleansct detect --detector <adwin|page-hinkley|kswin|ddm|eddm|hddm-a|hddm-w> --input <file.csv> [--column <name>] [--set <param>=<value> ...]
          Prints one JSON line per signal: {"index": 1023, "signal": "drift"}; a warning is printed once per drift cycle.
          Parameters take River's names, e.g. --set delta=0.001 --set warm_start=50.
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            (args.Length == 0 ? stderr : stdout).WriteLine(Usage);
            return args.Length == 0 ? UsageError : Ok;
        }

        try
        {
            return args[0] switch
            {
                "detect" => DetectCommand.Run(DetectOptions.Parse(args.AsSpan(1)), stdout),
                _ => throw new CliException($"Unknown command '{args[0]}'; the commands are: detect."),
            };
        }
        catch (Exception e) when (e is CliException or ArgumentException)
        {
            // ArgumentException comes from the detector factory and names the detector, parameter or value.
            var message = e is ArgumentException { ParamName: { } name } argument
                ? argument.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal)
                : e.Message;
            stderr.WriteLine($"error: {message}");
            stderr.WriteLine(Usage);
            return UsageError;
        }
    }
}
