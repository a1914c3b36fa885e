using OrleansCt.Core.Events;
using OrleansCt.Core.Learning;
using OrleansCt.Core.Monitoring;
using OrleansCt.Core.Schema;
using OrleansCt.Grains.Log;

namespace OrleansCt.Grains.Model;

/// <summary>
/// Applies log entries, in sequence order, to the model's derived state: definition, learner, counters and
/// monitor. Reads no clock and no randomness, so a replay reproduces the same state.
/// </summary>
internal sealed class ModelApplier
{
    public ModelApplier(ModelState checkpoint)
    {
        AppliedSequence = checkpoint.AppliedSequence;
        Events = checkpoint.Events;
        Labels = checkpoint.Labels;
        UnmatchedLabels = checkpoint.UnmatchedLabels;
        Champion = checkpoint.Champion ?? Champion.Online;
        Promotions = checkpoint.Promotions is { } promotions ? new Dictionary<long, long>(promotions) : [];
        Policy = checkpoint.Policy;
        Learns = checkpoint.Policy?.Learns() ?? true;
        if (checkpoint.Definition is { } definition)
        {
            Schema = new ModelSchema(definition);
            Revision = checkpoint.Revision;
            Learner = checkpoint.Learner is { } state ? OnlineLearner.Restore(Schema, state) : OnlineLearner.Create(Schema);
            Monitor = checkpoint.Monitor is { } json ? ModelMonitor.FromState(Schema, MonitorStateJson.Read(json, Schema)) : new ModelMonitor(Schema);
        }
    }

    public ModelSchema? Schema { get; private set; }

    public int Revision { get; private set; }

    public OnlineLearner? Learner { get; private set; }

    public ModelMonitor? Monitor { get; private set; }

    public long AppliedSequence { get; private set; }

    public long Events { get; private set; }

    public long Labels { get; private set; }

    public long UnmatchedLabels { get; private set; }

    /// <summary>The version answering after <see cref="AppliedSequence"/>.</summary>
    public Champion Champion { get; private set; }

    /// <summary>The promotions applied: the registry's move id → the sequence of its entry.</summary>
    public Dictionary<long, long> Promotions { get; }

    /// <summary>The policy the last policy entry set; null while none was set.</summary>
    public PolicyState? Policy { get; private set; }

    /// <summary>Whether the online learner learns the labels applied: false under a policy with <c>onlineLearning: false</c> (e.g. <c>never</c>).</summary>
    public bool Learns { get; private set; }

    /// <summary>
    /// Applies one entry. <paramref name="prelearned"/> is a copy of the learner that has already learned this entry's
    /// labelled rows (the prequential path made its predictions with it, starting from exactly this learner): it is
    /// taken instead of learning the same rows a second time. A replay passes none and learns them, to the same bits.
    /// </summary>
    public void Apply(long sequence, LogEntry entry, OnlineLearner? prelearned = null)
    {
        var learn = Learns && (prelearned is null || AppliedSequence != sequence - 1);
        switch (entry)
        {
            case DefinitionEntry definition:
                Schema = new ModelSchema(definition.Definition);
                Revision = definition.Revision;
                Learner ??= OnlineLearner.Create(Schema);
                Monitor = Monitor is null ? new ModelMonitor(Schema) : ModelMonitor.FromState(Schema, Monitor.ToState());
                break;
            case EventsEntry events:
                Events += events.Batch.Count;
                // The monitor observes the entry's labels with its events; it reads nothing the learner writes, so they are learned after.
                Labels += Monitor!.ObserveEvents(events.Batch, events.Predictions, sequence);
                if (events.Batch.Labels is { } labels)
                {
                    for (var row = 0; row < labels.Length && learn; row++)
                    {
                        if (!double.IsNaN(labels[row]))
                        {
                            Learner!.Learn(events.Batch, row, labels[row]);
                        }
                    }

                    Learner = learn || !Learns ? Learner : prelearned;
                }

                AnchorPolicy();
                break;
            case LabelsEntry joined:
                ApplyLabels(joined);
                break;
            case ReferenceEntry reference:
                Monitor!.SetReference(Core.Drift.Windows.DriftJson.Read<Core.Drift.Windows.ReferenceProfile>(reference.Profile));
                break;
            case PolicyEntry policy:
                var time = Monitor!.Buckets.MaxEventTime;
                Policy = new PolicyState(policy.Policy, sequence, policy.By, policy.Reason, double.IsFinite(time) ? time : null, Events);
                Learns = Policy.Learns();
                break;
            case PromotionEntry promotion:
                Champion = new Champion(promotion.Version, promotion.ArtifactSha256, sequence, promotion.MoveId);
                Promotions[promotion.MoveId] = sequence;
                if (promotion.Reference is { } profile)
                {
                    Monitor!.SetReference(Core.Drift.Windows.DriftJson.Read<Core.Drift.Windows.ReferenceProfile>(profile));
                }

                break;
        }

        AppliedSequence = sequence;
    }

    public void CopyTo(ModelState checkpoint)
    {
        checkpoint.Definition = Schema?.Definition;
        checkpoint.Revision = Revision;
        checkpoint.Learner = Learner?.ExportState();
        checkpoint.AppliedSequence = AppliedSequence;
        checkpoint.Events = Events;
        checkpoint.Labels = Labels;
        checkpoint.UnmatchedLabels = UnmatchedLabels;
        checkpoint.Champion = Champion;
        checkpoint.Promotions = new Dictionary<long, long>(Promotions);
        checkpoint.Policy = Policy;
        checkpoint.Monitor = Monitor is null ? null : MonitorStateJson.Write(Monitor.ToState());
    }

    /// <summary>A policy set before any event time was seen counts its schedule in event time from the first one after it.</summary>
    private void AnchorPolicy()
    {
        if (Policy is { EventTime: null } policy && Monitor!.Buckets.MaxEventTime is var time && double.IsFinite(time))
        {
            Policy = policy with { EventTime = time };
        }
    }

    private void ApplyLabels(LabelsEntry joined)
    {
        for (var i = 0; i < joined.Ids.Length; i++)
        {
            var row = joined.EventRows[i];
            if (row >= 0)
            {
                var delay = (joined.ArrivalUnixMs - joined.JoinedArrivalUnixMs[row]) / 1000.0;
                Learn(joined.Joined, row, joined.JoinedPredictions.Row(row), joined.Labels[i], delay, joined.EventSequences[i]);
            }
            else if (joined.EventSequences[i] == LabelJoin.Unmatched)
            {
                UnmatchedLabels++;
            }
        }
    }

    private void Learn(EventBatch batch, int row, ReadOnlySpan<double> prediction, double label, double delaySeconds, long eventSequence)
    {
        Labels++;
        Monitor!.ObserveLabel(batch, row, prediction, label, delaySeconds, eventSequence);
        if (Learns)
        {
            Learner!.Learn(batch, row, label);
        }
    }
}
