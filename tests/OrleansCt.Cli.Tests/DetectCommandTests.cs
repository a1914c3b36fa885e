using OrleansCt.Cli;
using OrleansCt.Testing;

namespace OrleansCt.Cli.Tests;

public sealed class DetectCommandTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliApp.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>River's published outputs on its documented streams (tests/reference/vectors/expected.json).</summary>
    [Theory]
    [InlineData("adwin", "two_distributions.csv", new[] { """{"index": 1023, "signal": "drift"}""" })]
    [InlineData("page-hinkley", "two_distributions.csv", new[] { """{"index": 1006, "signal": "drift"}""" })]
    [InlineData("ddm", "binary_errors_03_to_07.csv", new[] { """{"index": 1084, "signal": "warning"}""", """{"index": 1334, "signal": "drift"}""", """{"index": 1492, "signal": "warning"}""" })]
    public void Detect_prints_one_json_line_per_signal_as_river_publishes_them(string detector, string file, string[] expected)
    {
        var (exit, output, _) = Run("detect", "--detector", detector, "--input", RepoFiles.PathOf($"tests/reference/vectors/{file}"));

        Assert.Equal(0, exit);
        Assert.Equal(expected, output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public void Parameters_take_rivers_names()
    {
        var (exit, output, _) = Run("detect", "--detector", "adwin", "--input", RepoFiles.PathOf("tests/reference/vectors/two_distributions.csv"), "--column", "x", "--set", "delta=0.002");
        Assert.Equal((0, """{"index": 1023, "signal": "drift"}"""), (exit, output.Trim()));
    }

    [Theory]
    [InlineData("--detector", "nope", "Unknown drift detector 'nope'")]
    [InlineData("--set", "speed=3", "speed")]
    [InlineData("--column", "missing", "missing")]
    public void Bad_arguments_are_a_clear_error_and_exit_code_2(string option, string value, string mentioned)
    {
        var args = new List<string> { "detect", "--detector", "adwin", "--input", RepoFiles.PathOf("tests/reference/vectors/two_distributions.csv") };
        var at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var (exit, output, error) = Run([.. args]);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains(mentioned, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_numeric_value_is_an_error_naming_its_line()
    {
        var file = Path.Combine(TestFolders.Create("cli"), "bad.csv");
        File.WriteAllText(file, "index,x\n0,0.5\n1,abc\n");

        var (exit, output, error) = Run("detect", "--detector", "ddm", "--input", file);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains("abc", error, StringComparison.Ordinal);
    }
}
