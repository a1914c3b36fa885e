using OrleansCt.Abstractions.Models;
using OrleansCt.Core.Events;
using OrleansCt.Core.Hashing;
using OrleansCt.Core.Labels;
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
        var result = await AppendEventsAsync(submission);
        await CompleteEntryAsync();
        return result;
    }

    public async Task<AppendLabelsResult> AppendLabels(Immutable<LabelBatch> labels)
    {
        var result = await AppendLabelsAsync(labels);
        await CompleteEntryAsync();
        return result;
    }

    private async Task<AppendEventsResult> AppendEventsAsync(Immutable<EventsSubmission> submission)
    {
        await ThrowIfCannotWriteAsync();
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
            await WaitForRetrainAsync(batch);
            var scorer = await PrequentialScorerAsync(sub);
            while (sub.Prequential && _pipeline.Head is null)
            {
                await _pipeline.HeadLearnerAsync();
            }

            // From here to the append (in AppendFreshAsync): no await.
            _pipeline.ThrowIfBroken();
            if (sub.Prequential && scorer.Champion != _champion)
            {
                continue;
            }

            if (sub.Revision != _pipeline.ReservedRevision || !sub.Prequential && sub.Version != _champion.Version)
            {
                // A newer definition, or a promotion taken since the caller predicted: it predicts again with the fresh snapshot.
                await _pipeline.EnsureAppliedAsync();
                return new AppendEventsResult(AppendStatus.Stale, null, null, 0, 0, 0, _snapshot);
            }

            if (MissingRateCheck.Problems(_applier.Schema, _applier.Monitor?.MissingShares, batch) is { Count: > 0 } problems)
            {
                return new AppendEventsResult(AppendStatus.Rejected, null, null, 0, 0, 0, null, problems);
            }

            if (!byFingerprint || _dedup.FindResent(fingerprint, since, stored) is not { } resent)
            {
                return await AppendFreshAsync(sub, hashes, fingerprint, since, scorer);
            }

            // The same batch was logged before: answered whole from that entry, however many ids came in between. Should that
            // entry hold other ids (a fingerprint collision), the batch goes the usual way, id by id.
            if (await ResentAsync(resent, batch, sub.SnapshotSequence) is { } answer)
            {
                return answer;
            }
        }
    }

    private async Task<AppendLabelsResult> AppendLabelsAsync(Immutable<LabelBatch> labels)
    {
        await ThrowIfCannotWriteAsync();
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
    /// The rows not logged yet get an entry (see EntryBuilder), taken at once; the rest are answered from the entries that hold them.
    /// Returns once all of those are durable.
    /// </summary>
    private async Task<AppendEventsResult> AppendFreshAsync(EventsSubmission sub, ulong[] hashes, ulong fingerprint, long since, PrequentialScorer scorer)
    {
        var batch = sub.Batch;
        var answers = new EventAnswers(batch.Count, _applier.Schema!.PredictionWidth, sub.Version);
        var (fresh, duplicates, located) = _dedup.SplitEvents(batch, hashes, since);
        long appendedAt = 0;
        EventsEntry? entry = null;
        if (fresh.Count > 0)
        {
            var rows = fresh.Count == batch.Count ? null : fresh.ToArray();
            (entry, var prelearned) = _entries.Build(sub, rows, _pipeline.Head, _pipeline.ReservedRevision, _applier.Schema!, _log.LastSequence, scorer, _applier.Learns);

            // Only an entry holding the whole batch answers for it when it is resent.
            appendedAt = _pipeline.Append(entry, Deduplicator.IndexHashes(hashes, rows, entry.Batch), fresh.Count == batch.Count ? fingerprint : 0, prelearned).Sequence;
        }

        foreach (var sequence in EventAnswers.Sources(appendedAt, duplicates, located))
        {
            await _pipeline.DurableAsync(sequence);
        }

        if (entry is not null)
        {
            answers.FromEntry(fresh, entry);
        }

        foreach (var row in duplicates)
        {
            if (await _log.GetEventsAsync(located[row].Sequence) is { } stored)
            {
                answers.FromStored(row, stored, located[row].Position);
            }
        }

        return answers.Stored(fresh.Count, appendedAt, EventAnswers.Newer(_snapshot, sub.SnapshotSequence));
    }

    /// <summary>The champion a prequential submission is to be predicted by, loaded when it is an ML.NET version (before the step that may not wait).</summary>
    private async Task<PrequentialScorer> PrequentialScorerAsync(EventsSubmission sub)
    {
        var champion = _champion;
        if (!sub.Prequential || !champion.IsMlNet || _applier.Schema is not { } schema)
        {
            return new PrequentialScorer(champion, null);
        }

        return new PrequentialScorer(champion, await champions.GetAsync(Model, _applier.Revision, schema, champion.ArtifactSha256!));
    }

    /// <summary>The answer for a resent batch from the entry that logged it, once that entry is durable; null if that entry does not hold this very batch.</summary>
    private async Task<AppendEventsResult?> ResentAsync(long sequence, EventBatch batch, long snapshotSequence)
    {
        await _pipeline.DurableAsync(sequence);
        return await _log.GetEventsAsync(sequence) is { } stored && Deduplicator.Holds(stored, batch)
            ? EventAnswers.Resent(stored, batch.Count, EventAnswers.Newer(_snapshot, snapshotSequence))
            : null;
    }
}
