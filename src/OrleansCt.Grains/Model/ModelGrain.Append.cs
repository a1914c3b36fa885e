using OrleansCt.Abstractions.Models;
using OrleansCt.Core.Events;
using OrleansCt.Core.Hashing;
using OrleansCt.Core.Labels;
using OrleansCt.Core.Learning;
using OrleansCt.Core.Validation;
using OrleansCt.Grains.Log;

namespace OrleansCt.Grains.Model;

/// <remarks>
/// Both appends interleave (see AppendPipeline). Each first does what may wait (a stored look-up, the head learner),
/// then decides in one synchronous stretch — revision, duplicates, the entry, its sequence — so two requests that interleave
/// cannot both take the same ids, and then waits for its append and for the entries its duplicates were answered from.
/// </remarks>
public sealed partial class ModelGrain
{
    public async Task<AppendEventsResult> AppendEvents(Immutable<EventsSubmission> submission)
    {
        _pipeline.ThrowIfBroken();
        var sub = submission.Value;
        if (_applier.Schema is null)
        {
            return new AppendEventsResult(AppendStatus.NotFound, null, null, 0, 0, 0, null);
        }

        var batch = sub.Batch;
        var hashes = EventIdHash.Of(batch.Ids);
        var fingerprint = BatchFingerprint.OfEvents(hashes);
        var since = _dedup.Since(NowUnixMs);
        var stored = await _dedup.FindStoredBatchAsync(fingerprint, since);
        for (var byFingerprint = true; ; byFingerprint = false)
        {
            while (sub.Prequential && _pipeline.Head is null)
            {
                await _pipeline.HeadLearnerAsync();
            }

            // From here to the append (in AppendFreshAsync): no await.
            _pipeline.ThrowIfBroken();
            if (sub.Revision != _pipeline.ReservedRevision)
            {
                await _pipeline.EnsureAppliedAsync();
                return new AppendEventsResult(AppendStatus.Stale, null, null, 0, 0, 0, _snapshot);
            }

            if (MissingRateCheck.Problems(_applier.Schema, _applier.Monitor?.MissingShares, batch) is { Count: > 0 } problems)
            {
                return new AppendEventsResult(AppendStatus.Rejected, null, null, 0, 0, 0, null, problems);
            }

            if (!byFingerprint || _dedup.FindResent(fingerprint, since, stored) is not { } resent)
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
        _pipeline.ThrowIfBroken();
        var batch = labels.Value;
        if (_applier.Schema is not { } schema)
        {
            return new AppendLabelsResult(AppendStatus.NotFound, 0, 0, 0, 0);
        }

        var labelHashes = LabelIdHash.Of(batch.Ids);
        var fingerprint = BatchFingerprint.OfLabels(labelHashes);
        var since = _dedup.Since(NowUnixMs);
        var storedBatch = await _dedup.FindStoredBatchAsync(fingerprint, since);
        var (entries, located) = await _labelJoiner.FindEventsAsync(batch);

        // From here to the append: no await.
        _pipeline.ThrowIfBroken();
        if (_dedup.FindResent(fingerprint, since, storedBatch) is { } resent)
        {
            // The same label batch was logged before: every label in it is a duplicate (once that entry is durable).
            await _pipeline.DurableAsync(resent);
            return new AppendLabelsResult(AppendStatus.Stored, batch.Count, 0, 0, batch.Count);
        }

        var join = LabelJoiner.Join(batch, _dedup.LocateLabels(labelHashes, since), entries, located);
        if (join.Duplicates < batch.Count)
        {
            var entry = LabelJoiner.Entry(NowUnixMs, batch, join, schema);
            join.AnsweredFrom.Add(_pipeline.Append(entry, labelHashes, join.Duplicates == 0 ? fingerprint : 0).Sequence);
        }

        foreach (var sequence in join.AnsweredFrom)
        {
            await _pipeline.DurableAsync(sequence);
        }

        return new AppendLabelsResult(AppendStatus.Stored, batch.Count, join.Joined.Count, join.Unmatched, join.Duplicates);
    }

    /// <summary>
    /// The rows not logged yet get an entry (prequential: predicted and learned by a copy of the head learner), taken at once;
    /// the rest are answered from the entries that hold them. Returns once all of those are durable.
    /// </summary>
    private async Task<AppendEventsResult> AppendFreshAsync(EventsSubmission sub, ulong[] hashes, ulong fingerprint, long since)
    {
        var batch = sub.Batch;
        var width = _applier.Schema!.PredictionWidth;
        var answers = new double[batch.Count * width];
        var versions = Enumerable.Repeat(sub.Version, batch.Count).ToArray();
        var (fresh, duplicates, located) = _dedup.SplitEvents(batch, hashes, since);
        var answeredFrom = new HashSet<long>();
        long appendedAt = 0;
        EventsEntry? entry = null;
        if (fresh.Count > 0)
        {
            var rows = fresh.Count == batch.Count ? null : fresh.ToArray();
            var (built, prelearned) = BuildEntry(sub, rows);
            entry = built;

            // Only an entry holding the whole batch answers for it when it is resent.
            appendedAt = _pipeline.Append(entry, Deduplicator.IndexHashes(hashes, rows, entry.Batch), fresh.Count == batch.Count ? fingerprint : 0, prelearned).Sequence;
            answeredFrom.Add(appendedAt);
        }

        foreach (var row in duplicates)
        {
            answeredFrom.Add(located[row].Sequence);
        }

        foreach (var sequence in answeredFrom)
        {
            await _pipeline.DurableAsync(sequence);
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
        await _pipeline.DurableAsync(sequence);
        if (await _log.GetEventsAsync(sequence) is not { } stored || !Deduplicator.Holds(stored, batch))
        {
            return null;
        }

        var newer = _snapshot is { } latest && latest.Sequence > snapshotSequence ? latest : null;
        return new AppendEventsResult(AppendStatus.Stored, stored.Predictions, Enumerable.Repeat(stored.Version, batch.Count).ToArray(),
            0, batch.Count, 0, newer);
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

        var head = _pipeline.Head!;
        var before = snapshots.Create(Model, _pipeline.ReservedRevision, _applier.Schema!.Definition, _log.LastSequence, head);
        var learner = head.Clone();
        var prequential = learner.PredictThenLearn(batch, _applier.Schema!.PredictionWidth);
        return (new EventsEntry(sub.ArrivalUnixMs, batch, prequential, before.Version, before.Sequence, before.Digest), learner);
    }
}
