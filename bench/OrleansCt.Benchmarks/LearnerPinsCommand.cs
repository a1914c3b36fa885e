using OrleansCt.Core.Tests.Learning;

namespace OrleansCt.Benchmarks;

/// <summary>A tool, not a benchmark: writes the online learner's bit pins (LearnerPins.txt) from the learner as it is now.</summary>
internal static class LearnerPinsCommand
{
    public static int Run(string[] args)
    {
        var at = Array.IndexOf(args, "--write");
        if (at < 0 || at + 1 >= args.Length)
        {
            Console.Error.WriteLine("usage: learner-pins --write PATH   (tests/OrleansCt.Core.Tests/Learning/LearnerPins.txt replaces the pins the tests hold)");
            return 2;
        }

        var lines = new List<string>(LearnerPin.Header);
        foreach (var c in LearnerPinCases.All)
        {
            var pin = LearnerPin.RowByRow(c);
            lines.Add(pin.ToLine());
            Console.WriteLine(pin.ToLine());
        }

        File.WriteAllLines(args[at + 1], lines);
        Console.Error.WriteLine($"wrote {LearnerPinCases.All.Count} pins to {args[at + 1]}");
        return 0;
    }
}
