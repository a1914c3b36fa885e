namespace OrleansCt.Core.Drift.Statistics;

/// <summary>NannyML's threshold from the reference itself (drift-statistics.md): statistic of each window-sized chunk vs the whole reference, alert above mean + 3·std.</summary>
public static class ReferenceThreshold
{
    /// <summary>How many standard deviations above the chunks' mean the threshold sits.</summary>
    public const double StandardDeviations = 3;

    /// <summary>
    /// Splits <paramref name="reference"/> in order into chunks of <paramref name="windowSize"/> values (a shorter last chunk is dropped,
    /// since a window of fewer values is noisier than the ones it will judge) and applies statistic(chunk, reference) to each.
    /// For a statistic that alerts below (a p-value) read the result's Mean − 3·StandardDeviation instead.
    /// </summary>
    public static ReferenceThresholdResult Compute<T>(IReadOnlyList<T> reference, int windowSize, Func<IReadOnlyList<T>, IReadOnlyList<T>, double> statistic)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(statistic);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowSize, 1);
        var chunks = reference.Count / windowSize;
        if (chunks < 2)
        {
            throw new ArgumentException($"a reference of {reference.Count} values holds {chunks} chunk(s) of {windowSize}; at least 2 are needed for a spread, so use a larger reference or a smaller window.", nameof(reference));
        }

        var values = new double[chunks];
        for (var i = 0; i < chunks; i++)
        {
            var chunk = new T[windowSize];
            for (var j = 0; j < windowSize; j++)
            {
                chunk[j] = reference[(i * windowSize) + j];
            }

            values[i] = statistic(chunk, reference);
        }

        var mean = values.Average();
        var std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / chunks);
        return new ReferenceThresholdResult(values, mean, std, mean + (StandardDeviations * std));
    }
}
