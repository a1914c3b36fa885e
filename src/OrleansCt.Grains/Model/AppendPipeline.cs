using Microsoft.Extensions.Logging;
using OrleansCt.Abstractions.Storage;
using OrleansCt.Core.Learning;
using OrleansCt.Grains.Log;

namespace OrleansCt.Grains.Model;

/// <summary>
/// Appends are pipelined: a request takes its sequence, starts its append and awaits it without holding the grain
/// (AppendEvents and AppendLabels interleave), so the next request is read, deduplicated and predicted while the log
/// commits. Entries are applied in sequence order once each is durable; an append that fails leaves the pipeline broken
/// (the grain deactivates, and the next activation replays the log), since the entries reserved after it were built on it.
/// When the storage failed (disk full, server stopped) the owner keeps the activation instead, so that reads go on answering
/// from what was applied — a durable prefix of the log — until the storage is back (see ModelGrain.Storage.cs).
/// </summary>
/// <remarks>
/// Not thread-safe: every call and every continuation must run on one turn-based scheduler (the grain's). Entries are applied
/// on the scheduler that is current when they become durable.
/// </remarks>
internal sealed partial class AppendPipeline
{
    private readonly string _model;
    private readonly ModelLog _log;
    private readonly ModelApplier _applier;
    private readonly Action<LogEntry> _applied;
    private readonly Action _drained;
    private readonly Action<Exception> _broke;
    private readonly ILogger _logger;
    private readonly SortedDictionary<long, (LogEntry Entry, OnlineLearner? Prelearned, bool Durable)> _pending = [];
    private readonly Dictionary<long, Task> _inflight = [];
    private readonly Queue<(long Sequence, LogEntry Entry, OnlineLearner? Prelearned)> _unapplied = new();
    private Task _applying = Task.CompletedTask;
    private Exception? _broken;

    /// <param name="applied">Called after each entry is applied, in sequence order.</param>
    /// <param name="drained">Called once the entries durable so far are all applied.</param>
    /// <param name="broke">Called once, when an append or an apply fails: the owner must drop its state and replay the log.</param>
    public AppendPipeline(string model, ModelLog log, ModelApplier applier, Action<LogEntry> applied, Action drained, Action<Exception> broke, ILogger logger)
    {
        (_model, _log, _applier, _applied, _drained, _broke, _logger) = (model, log, applier, applied, drained, broke, logger);
        ReservedRevision = applier.Revision;
    }

    /// <summary>The learner after every entry taken so far, while that is known without applying them (null after a label entry).</summary>
    public OnlineLearner? Head { get; private set; }

    /// <summary>The definition revision after every entry taken so far (a definition entry counts as soon as it is taken).</summary>
    public int ReservedRevision { get; private set; }

    /// <summary>True once an append or an apply failed: no entry is taken any more.</summary>
    public bool Broken => _broken is not null;

    /// <summary>True when what broke the pipeline was the storage (full, unreachable), not an entry.</summary>
    public bool BrokenByStorage => _broken is StorageUnavailableException;

    /// <summary>Takes the applier's revision as the reserved one, after entries were applied without the pipeline (a replay).</summary>
    public void Resume() => ReservedRevision = _applier.Revision;

    /// <summary>
    /// Takes the next sequence for <paramref name="entry"/> and starts its append; the task completes once it is durable and queued
    /// for applying. <paramref name="prelearned"/> is the learner after the entry, if the caller built it (prequential events).
    /// </summary>
    public (long Sequence, Task Durable) Append(LogEntry entry, ulong[] idHashes, ulong fingerprint = 0, OnlineLearner? prelearned = null)
    {
        ThrowIfBroken();
        var (sequence, durable) = _log.Reserve(entry, idHashes, fingerprint);
        _pending[sequence] = (entry, prelearned, false);
        switch (entry)
        {
            case LabelsEntry:
            case PolicyEntry:
                // A policy may stop online learning: the next prequential batch waits for it to be applied.
                Head = null;
                break;
            case EventsEntry when prelearned is not null:
                Head = prelearned;
                break;
            case DefinitionEntry definition:
                ReservedRevision = definition.Revision;
                break;
        }

        // An append can be durable before it returns (PostgreSQL's reply may already be in the socket on loopback): CompleteAsync
        // then ran to its end here, and its task must not be left in _inflight, where nothing would ever remove it.
        var done = CompleteAsync(sequence, durable);
        if (!done.IsCompleted)
        {
            _inflight[sequence] = done;
        }

        return (sequence, done);
    }

    /// <summary>Waits until the entry at <paramref name="sequence"/> is durable (at once when it already is).</summary>
    public async Task DurableAsync(long sequence)
    {
        if (_inflight.TryGetValue(sequence, out var append))
        {
            await append;
        }

        ThrowIfBroken();
    }

    /// <summary>Waits until every entry taken so far is durable and applied (entries taken while it waits are not waited for).</summary>
    public async Task EnsureAppliedAsync()
    {
        var through = _log.LastSequence;
        foreach (var (sequence, task) in _inflight.ToArray())
        {
            if (sequence <= through)
            {
                await task;
            }
        }

        ThrowIfBroken();
        while (_applier.AppliedSequence < through && (!_applying.IsCompleted || _unapplied.Count > 0))
        {
            if (_applying.IsCompleted)
            {
                _applying = DrainAsync();
            }

            await _applying;
        }
    }

    /// <summary>
    /// As <see cref="EnsureAppliedAsync"/> for a read: once the storage has broken the pipeline, it returns when what became durable
    /// before the failure is applied, instead of throwing, so the state read is a durable prefix of the log.
    /// </summary>
    public async Task SettleAsync()
    {
        try
        {
            await EnsureAppliedAsync();
        }
        catch (Exception) when (BrokenByStorage)
        {
            while (!_applying.IsCompleted || _unapplied.Count > 0)
            {
                if (_applying.IsCompleted)
                {
                    _applying = DrainAsync();
                }

                await _applying;
            }
        }
    }

    /// <summary>The learner every entry taken so far leads to, to predict and learn the next prequential batch on (a copy of it).</summary>
    /// <remarks>
    /// Once every entry taken so far is applied and none was taken meanwhile, the applied learner is the head: decided from the
    /// last sequence, not from the bookkeeping collections, so no leftover in them can keep this loop turning without awaiting.
    /// </remarks>
    public async Task<OnlineLearner> HeadLearnerAsync()
    {
        while (Head is null)
        {
            ThrowIfBroken();
            var through = _log.LastSequence;
            await EnsureAppliedAsync();
            if (Head is null && _log.LastSequence == through)
            {
                Head = _applier.Learner!;
            }
        }

        return Head;
    }

    public void ThrowIfBroken()
    {
        if (_broken is StorageUnavailableException storage)
        {
            throw new StorageUnavailableException(storage.Storage, storage.Problem, $"Model '{_model}' cannot write its log: {storage.Message}", storage);
        }

        if (_broken is { } broken)
        {
            throw new InvalidOperationException($"Model '{_model}' could not append to its log ({broken.Message}); it is reloading from the log, retry the request.", broken);
        }
    }

    private async Task CompleteAsync(long sequence, Task durable)
    {
        try
        {
            await durable;
        }
        catch (Exception e)
        {
            Break(e);
            throw;
        }
        finally
        {
            _inflight.Remove(sequence);
        }

        ThrowIfBroken();
        _pending[sequence] = _pending[sequence] with { Durable = true };
        while (_pending.Count > 0 && _pending.First() is { Value.Durable: true } next)
        {
            _pending.Remove(next.Key);
            Enqueue(next.Key, next.Value.Entry, next.Value.Prelearned);
        }
    }

    /// <summary>Queues a durable entry for applying in a later turn, so the caller's answer does not wait for it.</summary>
    private void Enqueue(long sequence, LogEntry entry, OnlineLearner? prelearned)
    {
        _unapplied.Enqueue((sequence, entry, prelearned));
        if (_applying.IsCompleted)
        {
            _applying = Task.Factory.StartNew(DrainAsync, CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Current).Unwrap();
        }
    }

    private async Task DrainAsync()
    {
        while (_unapplied.TryDequeue(out var next))
        {
            try
            {
                _applier.Apply(next.Sequence, next.Entry, next.Prelearned);
            }
            catch (Exception e)
            {
                // The entry is durable; a fresh activation replays it from the checkpoint.
                LogApplyFailed(e, _model, next.Sequence);
                _unapplied.Clear();
                Break(e);
                throw;
            }

            _applied(next.Entry);
        }

        _drained();
    }

    private void Break(Exception e)
    {
        if (_broken is null)
        {
            _broken = e;
            LogAppendFailed(e, _model, _log.LastSequence);
            _broke(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Model {Model} failed to append to its log (last sequence taken {Sequence}); it replays from the checkpoint once the log takes writes")]
    private partial void LogAppendFailed(Exception exception, string model, long sequence);

    [LoggerMessage(Level = LogLevel.Error, Message = "Model {Model} failed to apply sequence {Sequence}; deactivating to replay from the checkpoint")]
    private partial void LogApplyFailed(Exception exception, string model, long sequence);
}
