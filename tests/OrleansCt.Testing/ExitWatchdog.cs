using System.Diagnostics;

namespace OrleansCt.Testing;

/// <summary>
/// Runs a shell command once this test process has gone, however it went. The test runner kills its test host without
/// waiting for ProcessExit handlers to finish, so a server stopped only there outlives the run; a detached watcher does not.
/// </summary>
internal static class ExitWatchdog
{
    public static void Arm(string commandWhenGone)
    {
        // setsid -f detaches the watcher from our session and process tree, so killing the test host does not kill it;
        // tail --pid returns when our PID is gone. Its output goes nowhere, so it holds none of the runner's pipes.
        var script = $"exec </dev/null >/dev/null 2>&1; tail --pid={Environment.ProcessId} -s 0.5 -f /dev/null; {commandWhenGone}";
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var argument in new[] { "-f", "sh", "-c", script })
        {
            start.ArgumentList.Add(argument);
        }

        using var watcher = Process.Start(start) ?? throw new InvalidOperationException("Could not start the exit watchdog (setsid).");
        watcher.WaitForExit();
    }

    /// <summary>Quotes a value for sh; the paths and names we pass never contain a single quote.</summary>
    public static string Quote(string value) =>
        value.Contains('\'') ? throw new ArgumentException($"Cannot quote {value} for the watchdog.", nameof(value)) : $"'{value}'";
}
