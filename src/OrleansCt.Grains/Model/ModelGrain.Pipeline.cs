using OrleansCt.Core.Learning;
using OrleansCt.Grains.Log;

namespace OrleansCt.Grains.Model;

/// <summary>
/// Appends are pipelined: a request takes its sequence, starts its append and awaits it without holding the grain
/// (AppendEvents and AppendLabels interleave), so the next request is read, deduplicated and predicted while the log
/// commits. Entries are applied in sequence order once each is durable; an append that fails leaves the grain broken
/// (it deactivates, and the next activation replays the log), since the entries reserved after it were built on it.
/// </summary>
public sealed partial class ModelGrain
{
    private readonly SortedDictionary<long, (LogEntry Entry, OnlineLearner? Prelearned, bool Durable)> _pending = [];
    private readonly Dictionary<long, Task> _inflight = [];
    private Exception? _broken;

    /// <summary>The learner after every entry taken so far, while that is known without applying them (null after a label entry).</summary>
    private OnlineLearner? _head;

    /// <summary>The definition revision after every entry taken so far (a definition entry counts as soon as it is taken).</summary>
    private int _reservedRevision;

    /// <summary>
    /// Takes the next sequence for <paramref name="entry"/> and starts its append; the task completes once it is durable and queued
    /// for applying. <paramref name="prelearned"/> is the learner after the entry, if the caller built it (prequential events).
    /// </summary>
    private (long Sequence, Task Durable) Log(LogEntry entry, ulong[] idHashes, ulong fingerprint = 0, OnlineLearner? prelearned = null)
    {
        ThrowIfBroken();
        var (sequence, durable) = _log.Reserve(entry, idHashes, fingerprint);
        _pending[sequence] = (entry, prelearned, false);
        switch (entry)
        {
            case LabelsEntry:
                _head = null;
                break;
            case EventsEntry when prelearned is not null:
                _head = prelearned;
                break;
            case DefinitionEntry definition:
                _reservedRevision = definition.Revision;
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

    /// <summary>Waits until every entry taken so far is durable and applied (entries taken while it waits are not waited for).</summary>
    private async Task EnsureAppliedAsync()
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

    /// <summary>The learner every entry taken so far leads to, to predict and learn the next prequential batch on (a copy of it).</summary>
    /// <remarks>
    /// Once every entry taken so far is applied and none was taken meanwhile, the applied learner is the head: decided from the
    /// last sequence, not from the bookkeeping collections, so no leftover in them can keep this loop turning without awaiting.
    /// </remarks>
    private async Task<OnlineLearner> HeadLearnerAsync()
    {
        while (_head is null)
        {
            ThrowIfBroken();
            var through = _log.LastSequence;
            await EnsureAppliedAsync();
            if (_head is null && _log.LastSequence == through)
            {
                _head = _applier.Learner!;
            }
        }

        return _head;
    }

    private void Break(Exception e)
    {
        if (_broken is null)
        {
            _broken = e;
            LogAppendFailed(e, Model, _log.LastSequence);
            DeactivateOnIdle();
        }
    }

    private void ThrowIfBroken()
    {
        if (_broken is { } broken)
        {
            throw new InvalidOperationException($"Model '{Model}' could not append to its log ({broken.Message}); it is reloading from the log, retry the request.", broken);
        }
    }
}
