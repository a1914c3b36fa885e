using OrleansCt.Core.Drift.Multivariate;
using OrleansCt.Core.Drift.Windows;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Monitoring;

/// <summary>
/// Gathers the model's first <see cref="MonitoringSpec.ReferenceEvents"/> events as its reference, when none was set: their stats (the
/// monitor feeds them) and their co-moments in consecutive chunks, until they make a profile or a reference is set.
/// </summary>
internal sealed class ReferenceGatherer
{
    private readonly ModelSchema _schema;

    public ReferenceGatherer(ModelSchema schema)
        : this(schema, StreamStats.Create(schema, scale: ModelMonitor.WholeStreamScale), 0, null)
    {
    }

    private ReferenceGatherer(ModelSchema schema, StreamStats? stats, long events, List<CoMoments>? joint)
    {
        _schema = schema;
        Stats = stats;
        Events = events;
        Joint = joint;
    }

    /// <summary>The first events' stats while they are gathered; null once a reference is set (gathered or not).</summary>
    public StreamStats? Stats { get; private set; }

    /// <summary>Events gathered so far.</summary>
    public long Events { get; private set; }

    /// <summary>While the first events are gathered: their co-moments in <see cref="MultivariateReference.Chunks"/> consecutive chunks.</summary>
    public List<CoMoments>? Joint { get; private set; }

    /// <summary>Events still wanted (not positive once the reference is complete).</summary>
    public long Wanted => _schema.Definition.Monitoring.ReferenceEvents - Events;

    /// <summary>
    /// Counts row <paramref name="row"/> (its stats already fed to <see cref="Stats"/>) and its first numeric features
    /// (<paramref name="joint"/>, null when the model has none); returns the profile when this row completes the reference.
    /// </summary>
    public ReferenceProfile? Add(double[][]? joint, int row)
    {
        if (joint is not null)
        {
            Joint ??= Enumerable.Range(0, MultivariateReference.Chunks).Select(_ => new CoMoments(joint.Length)).ToList();
            var chunk = (int)(Events * MultivariateReference.Chunks / _schema.Definition.Monitoring.ReferenceEvents);
            Joint[Math.Min(chunk, Joint.Count - 1)].Add(joint, row);
        }

        return ++Events == _schema.Definition.Monitoring.ReferenceEvents ? AutomaticReference.Profile(_schema, Stats!, Events, Joint) : null;
    }

    /// <summary>A reference is set: gathering stops for good, and its stats go.</summary>
    public void Stop()
    {
        Stats = null;
        Joint = null;
    }

    public ReferenceGatheringState ToState() => new(Stats is null ? null : StreamStatsState.Of(Stats), Events, Joint?.Select(c => c.ToState()).ToArray());

    public static ReferenceGatherer FromState(ModelSchema schema, ReferenceGatheringState state) =>
        new(schema, state.Stats?.Restore(), state.Events, state.Joint?.Select(CoMoments.FromState).ToList());
}
