using System.Diagnostics;

namespace OrleansCt.Benchmarks;

/// <summary>What a figure was measured on, and CPU time used by a process.</summary>
public static class Machine
{
    public static string Cpu { get; } = ReadCpu();

    public static int Cores => Environment.ProcessorCount;

    public static TimeSpan CpuTime(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.TotalProcessorTime;
        }
        catch (ArgumentException)
        {
            return TimeSpan.Zero;
        }
    }

    public static TimeSpan OwnCpuTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>CPU seconds per thread of a process (Linux /proc, 100 ticks per second), keyed by thread id, with the thread's name.</summary>
    public static Dictionary<int, (string Name, double Seconds)> Threads(int pid)
    {
        var threads = new Dictionary<int, (string, double)>();
        try
        {
            foreach (var task in Directory.GetDirectories($"/proc/{pid}/task"))
            {
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var open = stat.IndexOf('(');
                var close = stat.LastIndexOf(')');
                var fields = stat[(close + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
                threads[int.Parse(Path.GetFileName(task), System.Globalization.CultureInfo.InvariantCulture)] = (stat[(open + 1)..close], ticks / 100.0);
            }
        }
        catch (IOException)
        {
        }

        return threads;
    }

    /// <summary>CPU seconds per thread name between two <see cref="Threads"/> readings, busiest first.</summary>
    public static string ThreadDelta(Dictionary<int, (string Name, double Seconds)> before, Dictionary<int, (string Name, double Seconds)> after, int top = 6) =>
        string.Join(", ", after
            .Select(t => (t.Value.Name, Seconds: t.Value.Seconds - (before.TryGetValue(t.Key, out var b) ? b.Seconds : 0)))
            .GroupBy(t => t.Name)
            .Select(g => (Name: g.Key, Seconds: g.Sum(t => t.Seconds)))
            .Where(g => g.Seconds > 0)
            .OrderByDescending(g => g.Seconds)
            .Take(top)
            .Select(g => $"{g.Name} {g.Seconds:F2}s"));

    private static string ReadCpu()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? "unknown" : line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
