using OrleansCt.Core.Alerts;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Drift.Windows;

/// <summary>
/// A feature group's drift history: the reference, and a ring of closed buckets binned on it. Fed once per closed
/// bucket; each bucket that arrives completes a window (the buckets of the last window length ending with it), which
/// is scored and turned into alert observations. Buckets of an older reference revision, and buckets already held,
/// are ignored, so a feed that is repeated after a crash changes nothing.
/// </summary>
public sealed class FeatureWindow
{
    public ReferenceProfile? Profile { get; private set; }

    public List<BucketSummary> Ring { get; private set; } = [];

    public DriftSpec Drift { get; private set; } = new();

    public AlertSpec Alerts { get; private set; } = new();

    public double? BucketSeconds { get; private set; }

    public string[] Detectors { get; private set; } = [];

    /// <summary>Whether the model counts schema changes (<c>onSchemaChange: "count"</c>), so a feature may vanish from its events.</summary>
    public bool CountsSchemaChanges { get; private set; }

    /// <summary>Takes a feed; returns the scores and alert observations of the windows its new buckets completed, oldest first.</summary>
    public IReadOnlyList<WindowVerdict> Feed(WindowFeed feed)
    {
        (Drift, Alerts, BucketSeconds, Detectors, CountsSchemaChanges) = (feed.Drift, feed.Alerts, feed.BucketSeconds, feed.Detectors, feed.CountsSchemaChanges);
        if (feed.Profile is { } profile && profile.Revision > (Profile?.Revision ?? 0))
        {
            Profile = profile;
            Ring = [];
        }

        var verdicts = new List<WindowVerdict>();
        if (Profile is null)
        {
            return verdicts;
        }

        foreach (var summary in feed.Summaries.Where(s => s.ReferenceRevision == Profile.Revision).OrderBy(s => s.Index))
        {
            if (Ring.Count > 0 && summary.Index <= Ring[^1].Index)
            {
                continue;
            }

            Ring.Add(summary);
            if (Ring.Count > Drift.KeepBuckets)
            {
                Ring.RemoveAt(0);
            }

            var window = WindowEndingAt(Ring.Count - 1, null);
            if (IsComplete(window, null) && DriftEvaluator.Evaluate(Profile, window, Drift, Before(window, Ring.Count - 1)) is { } evaluation)
            {
                var previous = Ring.Count > 1 ? Ring[^2] : null;
                verdicts.Add(new WindowVerdict(evaluation, WindowObservations.Of(evaluation, window, previous, Profile, this)));
            }
        }

        return verdicts;
    }

    /// <summary>The last bucket index held (-1 when none): what a feed has been confirmed up to.</summary>
    public long LastIndex => Ring.Count == 0 ? -1 : Ring[^1].Index;

    /// <summary>The buckets of the window ending with ring entry <paramref name="end"/>: by event time when buckets are timed, else by count.</summary>
    public List<BucketSummary> WindowEndingAt(int end, double? windowSeconds)
    {
        var last = Ring[end];
        var seconds = windowSeconds ?? Drift.WindowSeconds;
        var start = end;
        while (start > 0 && (BucketSeconds is null ? end - start + 1 < Drift.WindowBuckets : Ring[start - 1].Start >= last.End - seconds))
        {
            start--;
        }

        return Ring.GetRange(start, end - start + 1);
    }

    /// <summary>The kept buckets before a window that ends with ring entry <paramref name="end"/>: the champion's training window for skew.</summary>
    private List<BucketSummary> Before(List<BucketSummary> window, int end) => Ring.GetRange(0, end - window.Count + 1);

    /// <summary>
    /// Whether a window spans its whole length — the whole buckets that fit in it by event time (at least one), or the
    /// set number of buckets — so a window that is still filling after a new reference is neither scored nor alerted on.
    /// </summary>
    public bool IsComplete(IReadOnlyList<BucketSummary> window, double? windowSeconds) =>
        BucketSeconds is { } span
            ? window[^1].End - window[0].Start >= (Math.Max(1, Math.Floor(((windowSeconds ?? Drift.WindowSeconds) / span) + 1e-9)) * span) - (span / 2)
            : window.Count >= Drift.WindowBuckets;

    /// <summary>Scores of every window the ring can end, oldest first, for a window of this many seconds (null: the setting's).</summary>
    public IReadOnlyList<DriftEvaluation> History(double? windowSeconds, double? from, double? to)
    {
        var history = new List<DriftEvaluation>();
        for (var end = 0; end < Ring.Count; end++)
        {
            if ((from is { } f && Ring[end].End < f) || (to is { } t && Ring[end].End > t))
            {
                continue;
            }

            var window = WindowEndingAt(end, windowSeconds);
            if (Profile is not null && IsComplete(window, windowSeconds) && DriftEvaluator.Evaluate(Profile, window, Drift, Before(window, end)) is { } evaluation)
            {
                history.Add(evaluation);
            }
        }

        return history;
    }

    public FeatureWindowState ToState() => new(Profile, [.. Ring], Drift, Alerts, BucketSeconds, Detectors, CountsSchemaChanges);

    public static FeatureWindow FromState(FeatureWindowState state) => new()
    {
        Profile = state.Profile,
        Ring = [.. state.Ring],
        Drift = state.Drift,
        Alerts = state.Alerts,
        BucketSeconds = state.BucketSeconds,
        Detectors = state.Detectors,
        CountsSchemaChanges = state.CountsSchemaChanges,
    };
}
