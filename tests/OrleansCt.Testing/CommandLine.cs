using System.Diagnostics;

namespace OrleansCt.Testing;

/// <summary>Runs a server's command-line tool to completion, optionally as another user, and fails with its output.</summary>
internal static class CommandLine
{
    public static async Task<string> RunAsync(string program, IReadOnlyList<string> arguments, string? asUser, TimeSpan timeout)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // runuser keeps the process in our session so it is still ours to wait for; sudo is not installed everywhere.
        if (asUser is not null)
        {
            start.FileName = "runuser";
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(asUser);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(program);
        }
        else
        {
            start.FileName = program;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Describe(start)} did not finish within {timeout.TotalSeconds:0} s.");
        }

        var text = await output.ConfigureAwait(false) + await error.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Describe(start)} exited with code {process.ExitCode}:\n{text}");
        }

        return text;
    }

    public static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);

    private static string Describe(ProcessStartInfo start) => $"`{start.FileName} {string.Join(' ', start.ArgumentList)}`";
}
