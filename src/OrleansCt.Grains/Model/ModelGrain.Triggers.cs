using System.Globalization;
using Microsoft.Extensions.Logging;
using OrleansCt.Abstractions.Models;
using OrleansCt.Abstractions.Training;
using OrleansCt.Core.Policy;

namespace OrleansCt.Grains.Model;

/// <remarks>
/// The model's side of the retraining policy: the schedules counted in events and event time (checked after each applied events
/// entry: two comparisons), told to the coordinator by one send in flight; and, in the deterministic mode, completing an entry —
/// applied, its closed buckets scored by the feature windows, their alerts raised and told to the coordinator, its schedules told —
/// before the append answers, so the next entry is appended only after the coordinator has decided on this one.
/// </remarks>
public sealed partial class ModelGrain
{
    private readonly List<TriggerSignal> _signals = [];
    private Task<bool> _signalling = Task.FromResult(true);
    private (long Policy, long Events, long Seconds) _scheduleSent = (-1, 0, 0);
    private (long Sequence, RetrainPolicy Policy)? _policy;

    /// <summary>The deterministic mode (tests, backtests): a retrain's training takes modelled event time, and every entry completes before the next.</summary>
    private bool Deterministic => training.Value.ModelledSeconds is not null;

    public Task<TriggerPoint> GetTriggerPoint()
    {
        if (_applier.Schema is null)
        {
            return Task.FromResult(new TriggerPoint(false, 0, null, 0, 0, null, 0));
        }

        var policy = _applier.Policy;
        return Task.FromResult(new TriggerPoint(true, _applier.AppliedSequence, EventTimeNow(), _applier.Events, _applier.Labels, policy?.Policy, policy?.Sequence ?? 0));
    }

    /// <summary>After an events entry is applied: a schedule of the policy that came due since the last is queued for the coordinator.</summary>
    private void CheckSchedule()
    {
        if (_applier.Policy is not { } state || _applier.Schema is not { } schema || PolicyOf(state, schema) is not { Triggers.Periodic: { } periodic })
        {
            return;
        }

        var events = periodic.Events is { } every ? (_applier.Events - state.Events) / every : 0;
        var time = EventTimeNow();
        var seconds = periodic.EventSeconds is { } period && state.EventTime is { } anchor && time is { } now ? (long)Math.Floor((now - anchor) / period) : 0;
        if (_scheduleSent.Policy != state.Sequence)
        {
            // After an activation the newest period is told again (the coordinator ignores it if it had it); never the older ones.
            _scheduleSent = (state.Sequence, Math.Max(0, events - 1), Math.Max(0, seconds - 1));
        }

        if (events > _scheduleSent.Events)
        {
            _signals.Add(Due($"events:{state.Sequence}:{events}", "events", periodic.Events!.Value.ToString(CultureInfo.InvariantCulture), time));
        }

        if (seconds > _scheduleSent.Seconds)
        {
            _signals.Add(Due($"eventSeconds:{state.Sequence}:{seconds}", "eventSeconds", periodic.EventSeconds!.Value.ToString(CultureInfo.InvariantCulture), time));
        }

        _scheduleSent = (state.Sequence, Math.Max(events, _scheduleSent.Events), Math.Max(seconds, _scheduleSent.Seconds));
        SendSignals();
    }

    private TriggerSignal Due(string key, string unit, string period, double? time) =>
        new(key, TriggerSignal.Schedule, unit, period, Contracts.AlertSeverity.Warning, "due", _applier.AppliedSequence, time, 0, 0);

    private RetrainPolicy? PolicyOf(PolicyState state, Core.Schema.ModelSchema schema)
    {
        if (_policy is not { } cached || cached.Sequence != state.Sequence)
        {
            _policy = (state.Sequence, PolicyState.Resolve(state.Policy, schema.Task));
        }

        return _policy.Value.Policy;
    }

    /// <summary>Starts telling the coordinator the queued signals, if any and no send is under way.</summary>
    private void SendSignals()
    {
        if (_signalling.IsCompleted && _signals.Count > 0)
        {
            TriggerSignal[] batch = [.. _signals];
            _signals.Clear();
            _signalling = SendSignalsAsync(batch);
        }
    }

    private async Task<bool> SendSignalsAsync(TriggerSignal[] batch)
    {
        try
        {
            await GrainFactory.GetGrain<ICoordinatorGrain>(Model).Signal(batch.AsImmutable());
            return true;
        }
        catch (Exception e)
        {
            // Kept for the next applied entry or checkpoint tick; the coordinator ignores what it already had.
            _signals.InsertRange(0, batch);
            LogSignalFailed(e, Model, batch.Length);
            return false;
        }
    }

    /// <summary>
    /// In the deterministic mode, what an entry sets off is finished before its append answers: the entry applied, the closed buckets
    /// scored and alerted on (the feature windows tell the alert grain, which tells the coordinator), the schedules told. Live, nothing
    /// waits: the windows and the coordinator are fed off the answer's path.
    /// </summary>
    private async Task CompleteEntryAsync()
    {
        if (!Deterministic || _applier.Schema is null)
        {
            return;
        }

        await _pipeline.EnsureAppliedAsync();
        await FlushWindowsAsync();
        _ = await _signalling;
        while (_signals.Count > 0)
        {
            SendSignals();
            if (!await _signalling)
            {
                break;
            }
        }
    }

    /// <summary>Tells the coordinator the policy changed (it arms schedules, checks staleness, trains a once policy); it re-reads the policy when it activates anyway.</summary>
    private async Task TellPolicyChangedAsync(long sequence)
    {
        try
        {
            await GrainFactory.GetGrain<ICoordinatorGrain>(Model).PolicyChanged(sequence);
        }
        catch (Exception e)
        {
            LogSignalFailed(e, Model, 1);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Model} could not tell its coordinator {Count} trigger signals; they are sent again")]
    private partial void LogSignalFailed(Exception exception, string model, int count);
}
