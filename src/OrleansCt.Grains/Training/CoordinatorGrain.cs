using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansCt.Abstractions.Models;
using OrleansCt.Abstractions.Registry;
using OrleansCt.Abstractions.Training;
using OrleansCt.Core.Schema;
using OrleansCt.Grains.Serving;
using OrleansCt.Storage;
using OrleansCt.Storage.Catalog;

namespace OrleansCt.Grains.Training;

/// <summary>
/// A model's retrains, one at a time, through a stored state machine: requested → training → validating → promoted, rejected or
/// failed. Every step is stored before the next begins, so a silo crash leaves a retrain that the next activation takes up
/// again (a new attempt, up to <see cref="TrainingOptions.MaxAttempts"/>) or marks failed — never one stuck, never two trainings
/// for one request at once. Training runs on the silo's training threads (<see cref="RetrainWork"/>); the grain only decides.
/// </summary>
public sealed partial class CoordinatorGrain(
    [PersistentState("coordinator", StorageNames.Grain)] IPersistentState<CoordinatorGrainState> state,
    IModelCatalog catalog,
    RetrainWork work,
    ChampionModels champions,
    IOptions<TrainingOptions> options,
    [FromKeyedServices(Clock.Key)] TimeProvider time,
    ILogger<CoordinatorGrain> logger) : Grain, ICoordinatorGrain
{
    private readonly TrainingOptions _options = options.Value;
    private readonly Dictionary<string, TaskCompletionSource<RetrainView>> _decided = [];
    private readonly Dictionary<string, TaskCompletionSource> _dueReached = [];
    private readonly SemaphoreSlim _saving = new(1, 1);
    private CoordinatorBook _book = new();
    private Task _running = Task.CompletedTask;
    private (string Id, CancellationTokenSource Cancel)? _current;

    private string Model => this.GetPrimaryKeyString();

    private DateTimeOffset Now => time.GetUtcNow();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _book = CoordinatorJson.Read(state.State.Json);
        var interrupted = false;
        for (var i = 0; i < Records.Count; i++)
        {
            var record = Records[i];
            if (record.View.State is RetrainRecord.Training or RetrainRecord.Validating)
            {
                interrupted = true;
                Records[i] = record.View.Attempts >= _options.MaxAttempts
                    ? record.Enter(RetrainRecord.Failed, Now, $"the silo stopped during attempt {record.View.Attempts} of {_options.MaxAttempts}; not tried again",
                        v => v with { Error = "interrupted by silo crashes" })
                    : record.Enter(RetrainRecord.Requested, Now, $"the silo stopped during attempt {record.View.Attempts}; queued again from the same log position");
            }
        }

        if (interrupted)
        {
            await SaveAsync();
        }

        foreach (var record in Records.Where(r => !r.Decided && r.Due is not null))
        {
            // The model's wait for a retrain lives in memory: after a restart it is armed again at the same event time.
            await Owner.MarkRetrain(record.View.Id, null, record.Due);
        }

        await RefreshPolicyAsync();
        StartRunning();
    }

    public Task<RetrainDue[]> PendingDue() =>
        Task.FromResult<RetrainDue[]>([.. Records.Where(r => !r.Decided && r.Due is not null).Select(r => new RetrainDue(r.View.Id, r.Due!.Value))]);

    public Task Resume() => GrainFactory.GetGrain<IRegistryGrain>(Model).Resume();

    public async Task<RetrainResult> Retrain(RetrainRequest request, string trigger)
    {
        if (await SchemaAsync() is not { } schema)
        {
            return new RetrainResult(ReadStatus.NotFound, [NotRegistered()], null);
        }

        var (plan, errors) = RetrainPlan.Parse(request, schema, _options);
        if (plan is null)
        {
            return new RetrainResult(ReadStatus.Invalid, errors, null);
        }

        var point = await Owner.GetTriggerPoint();
        var view = await AcceptAsync(request, plan, trigger, request.Reason, point, PolicyOf(point, schema), onDemand: true);
        return new RetrainResult(ReadStatus.Ok, [], view);
    }

    public async Task<RetrainListResponse?> List() =>
        await catalog.GetAsync(Model) is null ? null : new RetrainListResponse(Model, [.. Records.Select(r => r.View)], _book.Stale);

    public async Task<RetrainView?> Await(string id, TimeSpan timeout)
    {
        if (Find(id) is not { } record)
        {
            return null;
        }

        if (record.Decided)
        {
            return record.View;
        }

        try
        {
            return await Decided(id).Task.WaitAsync(timeout, time);
        }
        catch (TimeoutException)
        {
            return Find(id)?.View;
        }
    }

    public Task<RetrainView?> DueReached(string id, TimeSpan timeout)
    {
        DueSignal(id).TrySetResult();
        return Await(id, timeout);
    }

    public async Task<RetrainView?> Cancel(string id, string by)
    {
        var record = Find(id);
        if (record is null || record.Decided)
        {
            return record?.View;
        }

        if (_current is { } current && current.Id == id)
        {
            await current.Cancel.CancelAsync();
            await Decided(id).Task;
            return Find(id)!.View;
        }

        await DecideAsync(record.Enter(RetrainRecord.Failed, Now, $"cancelled by {by} before it ran", v => v with { Error = "cancelled" }));
        return Find(id)!.View;
    }

    private IModelGrain Owner => GrainFactory.GetGrain<IModelGrain>(Model);

    private IRegistryGrain Registry => GrainFactory.GetGrain<IRegistryGrain>(Model);

    private void StartRunning()
    {
        if (_running.IsCompleted)
        {
            _running = RunQueueAsync();
        }
    }

    /// <summary>Runs the retrains not decided yet, oldest first, one at a time; each ends promoted, rejected or failed.</summary>
    private async Task RunQueueAsync()
    {
        while (Records.FirstOrDefault(r => !r.Decided) is { } next)
        {
            using var cancel = new CancellationTokenSource();
            _current = (next.View.Id, cancel);
            try
            {
                await RunAsync(next.View.Id, cancel.Token);
            }
            catch (Exception e)
            {
                var failed = Find(next.View.Id)!;
                var cancelled = cancel.IsCancellationRequested;
                LogFailed(Model, next.View.Id, e);
                await DecideAsync(failed.Enter(RetrainRecord.Failed, Now, cancelled ? "cancelled while running" : $"failed: {Message(e)}",
                    v => v with { Error = cancelled ? "cancelled" : Message(e) }));
            }
            finally
            {
                _current = null;
            }
        }
    }

    private RetrainRecord? Find(string id) => Records.FirstOrDefault(r => r.View.Id == id);

    private void Replace(RetrainRecord record) => Records[Records.FindIndex(r => r.View.Id == record.View.Id)] = record;

    private List<RetrainRecord> Records => _book.Records;

    /// <summary>Stores the book; one write at a time (a request and the running retrain may both store while the other waits).</summary>
    private async Task SaveAsync()
    {
        await _saving.WaitAsync();
        try
        {
            state.State.Json = CoordinatorJson.Write(_book);
            await state.WriteStateAsync();
        }
        finally
        {
            _saving.Release();
        }
    }

    private async Task StepAsync(RetrainRecord record)
    {
        Replace(record);
        await SaveAsync();
    }

    private async Task DecideAsync(RetrainRecord record)
    {
        await StepAsync(record);
        Decided(record.View.Id).TrySetResult(record.View);
    }

    private TaskCompletionSource<RetrainView> Decided(string id) =>
        _decided.TryGetValue(id, out var tcs) ? tcs : _decided[id] = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TaskCompletionSource DueSignal(string id) =>
        _dueReached.TryGetValue(id, out var tcs) ? tcs : _dueReached[id] = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task<ModelSchema?> SchemaAsync() =>
        await catalog.GetAsync(Model) is { } entry
            ? new ModelSchema(JsonSerializer.Deserialize<ModelDefinition>(entry.DefinitionJson, JsonDefaults.Options)!)
            : null;

    private FieldError NotRegistered() => new("model", $"'{Model}' is not registered; PUT /v1/models/{Model} first");

    private static string Message(Exception e) => e is AggregateException { InnerException: { } inner } ? inner.Message : e.Message;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Model} retrain {Id} failed")]
    private partial void LogFailed(string model, string id, Exception exception);
}
