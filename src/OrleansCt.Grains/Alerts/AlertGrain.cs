using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansCt.Abstractions.Training;
using Orleans.Streams;
using OrleansCt.Abstractions.Alerts;
using OrleansCt.Core.Alerts;
using OrleansCt.Core.Drift.Windows;
using OrleansCt.Core.Schema;
using OrleansCt.Storage;

namespace OrleansCt.Grains.Alerts;

/// <summary>
/// Thin grain over an <see cref="AlertBook"/>: every change is stored, published on the "alerts" stream and queued for
/// the model's webhook in the same turn; a timer retries what is due. Cooldowns run in event time (the windows' ends).
/// </summary>
public sealed partial class AlertGrain(
    [PersistentState("alerts", StorageNames.Grain)] IPersistentState<AlertGrainState> state,
    IHttpClientFactory http,
    [FromKeyedServices(Clock.Key)] TimeProvider time,
    ILogger<AlertGrain> logger) : Grain, IAlertGrain
{
    /// <summary>The named HttpClient webhooks are posted with.</summary>
    public const string HttpClientName = "orleansct-webhooks";

    private AlertBook _book = new();
    private WebhookDelivery _delivery = null!;
    private IGrainTimer? _timer;
    private AlertSpec _spec = new();

    private string Model => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _book = state.State.Book is { } json ? AlertBook.FromState(DriftJson.Read<AlertBookState>(json)) : new AlertBook();
        _delivery = new WebhookDelivery(http.CreateClient(HttpClientName), time, state: state.State.Outbox);
        _timer = this.RegisterGrainTimer(_ => DeliverDue(), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public async Task Observe(Immutable<byte[]> observations, Immutable<byte[]> spec)
    {
        _spec = DriftJson.Read<AlertSpec>(spec.Value);
        Rebook();
        var changes = new List<AlertEvent>();
        foreach (var observation in DriftJson.Read<AlertObservation[]>(observations.Value))
        {
            state.State.LatestEvaluation = Math.Max(state.State.LatestEvaluation, observation.EvaluatedAt);
            changes.AddRange(_book.Observe(observation));
        }

        await RecordAsync(changes);
    }

    public Task<Alert[]> List(string? status) =>
        Task.FromResult((status is null ? _book.Alerts : _book.Alerts.Where(a => string.Equals(a.State.ToString(), status, StringComparison.OrdinalIgnoreCase))).ToArray());

    public async Task<AlertActionResult> Acknowledge(string id, string by, string? comment) =>
        await ReplyAsync(_book.Acknowledge(id, by, comment, time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0));

    // A person's resolution starts the cooldown, which runs in event time: it is stamped with the latest window's end.
    public async Task<AlertActionResult> Resolve(string id, string by) =>
        await ReplyAsync(_book.Resolve(id, by, double.IsFinite(state.State.LatestEvaluation) ? state.State.LatestEvaluation : 0));

    public async Task DeliverDue()
    {
        await TellCoordinatorAsync();
        if (_delivery.DueAt is { } due && due <= time.GetUtcNow())
        {
            await _delivery.DeliverDueAsync();
            state.State.Outbox = _delivery.ToState();
            await state.WriteStateAsync();
        }
    }

    private async Task<AlertActionResult> ReplyAsync(AlertDecision decision)
    {
        if (decision.Ok && decision.Event is { } change)
        {
            await RecordAsync([change]);
        }

        var status = decision.Status switch
        {
            AlertDecisionStatus.Done => AlertActionStatus.Done,
            AlertDecisionStatus.NotFound => AlertActionStatus.NotFound,
            AlertDecisionStatus.Conflict => AlertActionStatus.Conflict,
            _ => AlertActionStatus.Invalid,
        };
        return new AlertActionResult(status, decision.Error, decision.Alert);
    }

    /// <summary>Stores the book and the queued deliveries, then publishes; the first delivery attempt follows at once.</summary>
    private async Task RecordAsync(IReadOnlyList<AlertEvent> changes)
    {
        if (_spec.Webhook is { } url)
        {
            foreach (var change in changes)
            {
                _delivery.Enqueue(new Uri(url), Model, change);
            }
        }

        state.State.Book = DriftJson.Write(_book.ToState());
        state.State.Outbox = _delivery.ToState();
        var signals = TriggerSignals.Of(changes, _book);
        if (signals.Count > 0)
        {
            (state.State.Signals ??= []).AddRange(signals);
        }

        await state.WriteStateAsync();
        await TellCoordinatorAsync();
        var stream = this.GetStreamProvider(AlertNotice.Provider).GetStream<AlertNotice>(StreamId.Create(AlertNotice.Namespace, Model));
        foreach (var change in changes)
        {
            var a = change.Alert;
            await stream.OnNextAsync(new AlertNotice(Model, AlertEvent.KindName(change.Kind), a.Id, a.Kind, a.Subject,
                JsonNamingPolicy.CamelCase.ConvertName(a.Severity.ToString()), JsonNamingPolicy.CamelCase.ConvertName(a.State.ToString()), a.Score, a.Threshold, a.Sequence, change.At));
        }

        if (changes.Count > 0 && _spec.Webhook is not null)
        {
            await DeliverDue();
        }
    }

    /// <summary>
    /// Tells the model's coordinator the alerts that opened or escalated, by a direct call (the stream is for outside subscribers):
    /// stored first, so a failed call is made again by the timer; the coordinator ignores what it already had.
    /// </summary>
    private async Task TellCoordinatorAsync()
    {
        if (state.State.Signals is not { Count: > 0 } pending)
        {
            return;
        }

        try
        {
            await GrainFactory.GetGrain<ICoordinatorGrain>(Model).Signal(pending.ToArray().AsImmutable());
        }
        catch (Exception e)
        {
            LogSignalFailed(e, Model, pending.Count);
            return;
        }

        state.State.Signals = null;
        await state.WriteStateAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Model}: {Count} alert signals could not be told to the coordinator; the timer tries again")]
    private partial void LogSignalFailed(Exception exception, string model, int count);

    /// <summary>Applies the model's current policy (hysteresis, cooldown, severity) to the book, keeping its alerts.</summary>
    private void Rebook()
    {
        var policy = _book.Policy with { Spec = _spec };
        if (policy != _book.Policy)
        {
            _book = AlertBook.FromState(_book.ToState(), policy);
        }
    }
}
