using OrleansCt.Core.Drift.Statistics;

namespace OrleansCt.Core.Drift.Multivariate;

/// <summary>NannyML's threshold for the PCA reconstruction error: the error of each window-sized reference chunk, alert above mean + 3·std.</summary>
public static class MultivariateThreshold
{
    /// <summary>
    /// Scores each chunk with <paramref name="model"/> (fitted on the whole reference, as NannyML does) and returns the errors, their mean,
    /// population std and mean + <see cref="ReferenceThreshold.StandardDeviations"/>·std. Each chunk should hold about as many rows as the
    /// windows it will judge (merge per-bucket co-moments to get there): the error's spread shrinks as rows grow.
    /// </summary>
    public static ReferenceThresholdResult FromChunks(PcaReconstruction model, IReadOnlyList<CoMoments> chunks)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(chunks);
        if (chunks.Count < 2)
        {
            throw new ArgumentException($"{chunks.Count} chunk(s) were given; at least 2 are needed for a spread, so use a larger reference or a smaller window.", nameof(chunks));
        }

        var errors = new double[chunks.Count];
        for (var i = 0; i < chunks.Count; i++)
        {
            if (chunks[i] is null || chunks[i].Count == 0)
            {
                throw new ArgumentException($"chunk {i} holds no rows, so it has no error; leave empty chunks out.", nameof(chunks));
            }

            errors[i] = model.Error(chunks[i]);
        }

        var mean = errors.Average();
        var std = Math.Sqrt(errors.Sum(e => (e - mean) * (e - mean)) / errors.Length);
        return new ReferenceThresholdResult(errors, mean, std, mean + (ReferenceThreshold.StandardDeviations * std));
    }
}
