namespace OrleansCt.Testing;

/// <summary>Fresh temporary folders for tests, under one root per test process that is removed once the process has exited.</summary>
public static class TestFolders
{
    private static readonly string s_parent = Path.Combine(Path.GetTempPath(), "orleansct-tests");
    private static int s_next;

    static TestFolders()
    {
        RemoveLeftovers();
        Root = Path.Combine(s_parent, $"p{Environment.ProcessId}");
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }

        Directory.CreateDirectory(Root);
        ExitWatchdog.Arm($"rm -rf {ExitWatchdog.Quote(Root)}");
    }

    /// <summary>This process's root folder; everything under it is removed after the process exits.</summary>
    public static string Root { get; }

    /// <summary>Creates an empty folder whose name starts with <paramref name="name"/> and that no other caller gets.</summary>
    public static string Create(string name)
    {
        var safe = string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
        var path = Path.Combine(Root, $"{safe}-{Interlocked.Increment(ref s_next)}");
        Directory.CreateDirectory(path);
        return path;
    }

    // Only a machine restart stops the watchdog from removing a root; the next test process removes what is left.
    private static void RemoveLeftovers()
    {
        if (!Directory.Exists(s_parent))
        {
            return;
        }

        foreach (var folder in Directory.GetDirectories(s_parent, "p*"))
        {
            if (int.TryParse(Path.GetFileName(folder).AsSpan(1), out var pid) && !ProcessAlive(pid))
            {
                TryDelete(folder);
            }
        }
    }

    internal static bool ProcessAlive(int pid) => pid == Environment.ProcessId || Directory.Exists($"/proc/{pid}");

    internal static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover folder is removed by a later run.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
