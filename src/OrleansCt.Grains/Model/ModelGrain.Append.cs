using Orleans.Concurrency;
using OrleansCt.Abstractions.Models;
using OrleansCt.Core.Events;
using OrleansCt.Core.Hashing;
using OrleansCt.Core.Labels;
using OrleansCt.Core.Learning;
using OrleansCt.Grains.Log;

namespace OrleansCt.Grains.Model;

/// <remarks>
/// Both appends interleave (see ModelGrain.Pipeline.cs). Each first does what may wait (a stored look-up, the head learner),
/// then decides in one synchronous stretch — revision, duplicates, the entry, its sequence — so two requests that interleave
/// cannot both take the same ids, and then waits for its append and for the entries its duplicates were answered from.
/// </remarks>
public sealed partial class ModelGrain
{
    public async Task<AppendEventsResult> AppendEvents(Immutable<EventsSubmission> submission)
    {
        ThrowIfBroken();
        var sub = submission.Value;
        if (_applier.Schema is null)
        {
            return new AppendEventsResult(AppendStatus.NotFound, null, null, 0, 0, 0, null);
        }

        var batch = sub.Batch;
        var hashes = EventIdHash.Of(batch.Ids);
        var fingerprint = BatchFingerprint.OfEvents(hashes);
        var since = NowUnixMs - (long)_options.DedupHorizon.TotalMilliseconds;
        var stored = await _log.FindStoredBatchAsync(fingerprint, since);
        for (var byFingerprint = true; ; byFingerprint = false)
        {
            while (sub.Prequential && _head is null)
            {
                await HeadLearnerAsync();
            }

            // From here to Log (in AppendFreshAsync): no await.
            ThrowIfBroken();
            if (sub.Revision != _reservedRevision)
            {
                await EnsureAppliedAsync();
                return new AppendEventsResult(AppendStatus.Stale, null, null, 0, 0, 0, _snapshot);
            }

            if (MissingRateProblems(batch) is { Count: > 0 } problems)
            {
                return new AppendEventsResult(AppendStatus.Rejected, null, null, 0, 0, 0, null, problems);
            }

            if (!byFingerprint || (_log.FindRecentBatch(fingerprint, since) ?? stored) is not { } resent)
            {
                return await AppendFreshAsync(sub, hashes, fingerprint, since);
            }

            // The same batch was logged before: answered whole from that entry, however many ids came in between. Should that
            // entry hold other ids (a fingerprint collision), the batch goes the usual way, id by id.
            if (await ResentAsync(resent, batch, sub.SnapshotSequence) is { } answer)
            {
                return answer;
            }
        }
    }

    public async Task<AppendLabelsResult> AppendLabels(Immutable<LabelBatch> labels)
    {
        ThrowIfBroken();
        var batch = labels.Value;
        if (_applier.Schema is not { } schema)
        {
            return new AppendLabelsResult(AppendStatus.NotFound, 0, 0, 0, 0);
        }

        var labelHashes = LabelIdHash.Of(batch.Ids);
        var fingerprint = BatchFingerprint.OfLabels(labelHashes);
        var since = NowUnixMs - (long)_options.DedupHorizon.TotalMilliseconds;
        var storedBatch = await _log.FindStoredBatchAsync(fingerprint, since);
        var events = await _log.LocateAsync(EventIdHash.Of(batch.Ids), long.MinValue);
        var joinable = new EventsEntry?[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            if (events[i].Sequence > 0 && await _log.GetEventsAsync(events[i].Sequence) is { } entry
                && events[i].Position < entry.Batch.Count && entry.Batch.Ids[events[i].Position] == batch.Ids[i])
            {
                joinable[i] = entry;
            }
        }

        // From here to Log: no await.
        ThrowIfBroken();
        if ((_log.FindRecentBatch(fingerprint, since) ?? storedBatch) is { } resent)
        {
            // The same label batch was logged before: every label in it is a duplicate (once that entry is durable).
            await DurableAsync(resent);
            return new AppendLabelsResult(AppendStatus.Stored, batch.Count, 0, 0, batch.Count);
        }

        var earlier = _log.LocateRecent(labelHashes, since);
        var sequences = new long[batch.Count];
        var rows = new int[batch.Count];
        var joined = new List<(EventsEntry Entry, int Row)>();
        var answeredFrom = new HashSet<long>();
        var duplicates = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            rows[i] = -1;
            if (earlier[i].Sequence > 0)
            {
                sequences[i] = LabelJoin.Duplicate;
                answeredFrom.Add(earlier[i].Sequence);
                duplicates++;
            }
            else if (joinable[i] is { } entry)
            {
                (sequences[i], rows[i]) = (events[i].Sequence, joined.Count);
                joined.Add((entry, events[i].Position));
                answeredFrom.Add(events[i].Sequence);
            }
            else
            {
                sequences[i] = LabelJoin.Unmatched;
            }
        }

        if (duplicates < batch.Count)
        {
            var entry = new LabelsEntry(NowUnixMs, batch.Ids, batch.Labels, sequences, rows,
                BatchRows.Gather(joined.Select(j => (j.Entry.Batch, j.Row)).ToList(), schema.Numeric.Count, schema.Categorical.Count),
                BatchRows.Gather(joined.Select(j => (j.Entry.Predictions, j.Row)).ToList(), schema.PredictionWidth),
                joined.Select(j => j.Entry.ArrivalUnixMs).ToArray());
            answeredFrom.Add(Log(entry, labelHashes, duplicates == 0 ? fingerprint : 0).Sequence);
        }

        foreach (var sequence in answeredFrom)
        {
            await DurableAsync(sequence);
        }

        var unmatched = batch.Count - duplicates - joined.Count;
        return new AppendLabelsResult(AppendStatus.Stored, batch.Count, joined.Count, unmatched, duplicates);
    }

    /// <summary>
    /// The rows not logged yet get an entry (prequential: predicted and learned by a copy of the head learner), taken at once;
    /// the rest are answered from the entries that hold them. Returns once all of those are durable.
    /// </summary>
    private async Task<AppendEventsResult> AppendFreshAsync(EventsSubmission sub, ulong[] hashes, ulong fingerprint, long since)
    {
        var batch = sub.Batch;
        var width = _applier.Schema!.PredictionWidth;
        var located = _log.LocateRecent(hashes, since);
        var answers = new double[batch.Count * width];
        var versions = Enumerable.Repeat(sub.Version, batch.Count).ToArray();
        var fresh = new List<int>(batch.Count);
        var duplicates = new List<int>();
        for (var row = 0; row < batch.Count; row++)
        {
            var (sequence, position) = located[row];
            // An entry still in memory shows whether the id is the same (not just its hash); one that is not is trusted by its hash.
            var same = sequence > 0 && (_log.FindRecentEvents(sequence) is not { } recent || (position < recent.Batch.Count && recent.Batch.Ids[position] == batch.Ids[row]));
            (same ? duplicates : fresh).Add(row);
        }

        var answeredFrom = new HashSet<long>();
        long appendedAt = 0;
        EventsEntry? entry = null;
        if (fresh.Count > 0)
        {
            var rows = fresh.Count == batch.Count ? null : fresh.ToArray();
            var (built, prelearned) = BuildEntry(sub, rows);
            entry = built;

            // Only an entry holding the whole batch answers for it when it is resent.
            var eventHashes = rows is null ? hashes : rows.Select(r => hashes[r]).ToArray();
            appendedAt = Log(entry, [.. eventHashes, .. LabelledHashes(entry.Batch)], fresh.Count == batch.Count ? fingerprint : 0, prelearned).Sequence;
            answeredFrom.Add(appendedAt);
        }

        foreach (var row in duplicates)
        {
            answeredFrom.Add(located[row].Sequence);
        }

        foreach (var sequence in answeredFrom)
        {
            await DurableAsync(sequence);
        }

        for (var i = 0; i < fresh.Count; i++)
        {
            entry!.Predictions.Row(i).CopyTo(answers.AsSpan(fresh[i] * width, width));
            versions[fresh[i]] = entry.Version;
        }

        foreach (var row in duplicates)
        {
            var (sequence, position) = located[row];
            if (await _log.GetEventsAsync(sequence) is { } stored && position < stored.Batch.Count)
            {
                stored.Predictions.Row(position).CopyTo(answers.AsSpan(row * width, width));
                versions[row] = stored.Version;
            }
        }

        var newer = _snapshot is { } current && current.Sequence > sub.SnapshotSequence ? current : null;
        return new AppendEventsResult(AppendStatus.Stored, new Predictions(width, answers), versions,
            fresh.Count, batch.Count - fresh.Count, appendedAt, newer);
    }

    /// <summary>The answer for a resent batch from the entry that logged it, once that entry is durable; null if that entry does not hold this very batch.</summary>
    private async Task<AppendEventsResult?> ResentAsync(long sequence, EventBatch batch, long snapshotSequence)
    {
        await DurableAsync(sequence);
        if (await _log.GetEventsAsync(sequence) is not { } stored || !stored.Batch.Ids.AsSpan().SequenceEqual(batch.Ids))
        {
            return null;
        }

        var newer = _snapshot is { } latest && latest.Sequence > snapshotSequence ? latest : null;
        return new AppendEventsResult(AppendStatus.Stored, stored.Predictions, Enumerable.Repeat(stored.Version, batch.Count).ToArray(),
            0, batch.Count, 0, newer);
    }

    /// <summary>Waits until the entry at <paramref name="sequence"/> is durable (at once when it already is).</summary>
    private async Task DurableAsync(long sequence)
    {
        if (_inflight.TryGetValue(sequence, out var append))
        {
            await append;
        }

        ThrowIfBroken();
    }

    /// <summary>
    /// The entry for the rows not logged yet. A prequential submission is predicted here, row by row, by a copy of the head
    /// learner that learns each label right after predicting its row; applying the entry later takes that copy as the learner.
    /// </summary>
    private (EventsEntry Entry, OnlineLearner? Prelearned) BuildEntry(EventsSubmission sub, int[]? rows)
    {
        var batch = rows is null ? sub.Batch : sub.Batch.Select(rows);
        if (!sub.Prequential)
        {
            var predictions = rows is null ? sub.Predictions : sub.Predictions.Select(rows);
            return (new EventsEntry(sub.ArrivalUnixMs, batch, predictions, sub.Version, sub.SnapshotSequence, sub.SnapshotDigest), null);
        }

        var head = _head!;
        var before = snapshots.Create(Model, _reservedRevision, _applier.Schema!.Definition, _log.LastSequence, head);
        var learner = head.Clone();
        var prequential = learner.PredictThenLearn(batch, _applier.Schema!.PredictionWidth);
        return (new EventsEntry(sub.ArrivalUnixMs, batch, prequential, before.Version, before.Sequence, before.Digest), learner);
    }

    /// <summary>Events sent with their labels are labelled already: a later label for them is a duplicate.</summary>
    private static IEnumerable<ulong> LabelledHashes(EventBatch batch)
    {
        if (batch.Labels is not { } labels)
        {
            yield break;
        }

        for (var row = 0; row < labels.Length; row++)
        {
            if (!double.IsNaN(labels[row]))
            {
                yield return LabelIdHash.Of(batch.Ids[row]);
            }
        }
    }
}
