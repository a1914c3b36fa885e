using OrleansCt.Core.Events;
using OrleansCt.Core.Learning;
using OrleansCt.Core.Metrics;
using OrleansCt.Core.Monitoring;
using OrleansCt.Core.Schema;
using OrleansCt.Grains.Log;

namespace OrleansCt.Grains.Model;

/// <summary>
/// Applies log entries, in sequence order, to the model's derived state: definition, learner, counters and
/// prequential tally. Reads no clock and no randomness, so a replay reproduces the same state.
/// </summary>
internal sealed class ModelApplier
{
    public ModelApplier(ModelState checkpoint)
    {
        AppliedSequence = checkpoint.AppliedSequence;
        Events = checkpoint.Events;
        Labels = checkpoint.Labels;
        UnmatchedLabels = checkpoint.UnmatchedLabels;
        Tally = new PrequentialTally
        {
            Labelled = checkpoint.Labelled,
            Correct = checkpoint.Correct,
            AbsoluteError = checkpoint.AbsoluteError,
            SquaredError = checkpoint.SquaredError,
        };
        if (checkpoint.Definition is { } definition)
        {
            Schema = new ModelSchema(definition);
            Revision = checkpoint.Revision;
            Learner = checkpoint.Learner is { } state ? OnlineLearner.Restore(Schema, state) : OnlineLearner.Create(Schema);
            Monitor = checkpoint.Monitor is { } json ? ModelMonitor.FromState(Schema, MonitorStateJson.Read(json)) : new ModelMonitor(Schema);
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

    public PrequentialTally Tally { get; }

    public async Task ApplyAsync(long sequence, LogEntry entry, Func<long, Task<EventsEntry?>> findEvents)
    {
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
                Monitor!.ObserveEvents(events.Batch, events.Predictions);
                if (events.Batch.Labels is { } labels)
                {
                    for (var row = 0; row < labels.Length; row++)
                    {
                        if (!double.IsNaN(labels[row]))
                        {
                            Learn(events, row, labels[row], delaySeconds: 0);
                        }
                    }
                }

                break;
            case LabelsEntry joined:
                await ApplyLabelsAsync(joined, findEvents);
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
        checkpoint.Labelled = Tally.Labelled;
        checkpoint.Correct = Tally.Correct;
        checkpoint.AbsoluteError = Tally.AbsoluteError;
        checkpoint.SquaredError = Tally.SquaredError;
        checkpoint.Monitor = Monitor is null ? null : MonitorStateJson.Write(Monitor.ToState());
    }

    private async Task ApplyLabelsAsync(LabelsEntry joined, Func<long, Task<EventsEntry?>> findEvents)
    {
        for (var i = 0; i < joined.Ids.Length; i++)
        {
            var sequence = joined.EventSequences[i];
            if (sequence == LabelJoin.Unmatched)
            {
                UnmatchedLabels++;
            }
            else if (sequence != LabelJoin.Duplicate && await findEvents(sequence) is { } events)
            {
                Learn(events, joined.EventPositions[i], joined.Labels[i], (joined.ArrivalUnixMs - events.ArrivalUnixMs) / 1000.0);
            }
            else if (sequence != LabelJoin.Duplicate)
            {
                // The event was joined when the label arrived but has since left retention.
                UnmatchedLabels++;
            }
        }
    }

    private void Learn(EventsEntry events, int row, double label, double delaySeconds)
    {
        Labels++;
        Monitor!.ObserveLabel(events.Batch, row, events.Predictions.Row(row), label, delaySeconds);
        if (Schema!.IsClassification)
        {
            Tally.ObserveClass(events.Predictions.ArgMax(row), (int)label);
        }
        else
        {
            Tally.ObserveValue(events.Predictions.Row(row)[0], label);
        }

        Learner!.Learn(events.Batch, row, label);
    }
}
