using System.Diagnostics;
using OrleansCt.Core.Events;
using OrleansCt.Training.Artifacts;

namespace OrleansCt.Training.Validation;

/// <summary>How long a model takes to score a sample batch: the gate's check that a candidate is fast enough to serve.</summary>
public static class ScoringLatency
{
    /// <summary>
    /// Scores <paramref name="sample"/> once to warm up (first calls compile), then <paramref name="repeats"/> times, and
    /// returns the fastest of those — wall time, so a busy machine reads slower, never faster.
    /// </summary>
    public static TimeSpan Measure(LoadedModel model, EventBatch sample, int repeats = 3)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        model.Score(sample);
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            model.Score(sample);
            best = clock.Elapsed < best ? clock.Elapsed : best;
        }

        return best;
    }
}
