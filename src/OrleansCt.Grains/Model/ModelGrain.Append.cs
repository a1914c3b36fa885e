using Orleans.Concurrency;
using OrleansCt.Abstractions.Models;
using OrleansCt.Core.Events;
using OrleansCt.Core.Hashing;
using OrleansCt.Core.Labels;
using OrleansCt.Core.Learning;
using OrleansCt.Grains.Log;

namespace OrleansCt.Grains.Model;

public sealed partial class ModelGrain
{
    public async Task<AppendEventsResult> AppendEvents(Immutable<EventsSubmission> submission)
    {
        var sub = submission.Value;
        if (_applier.Schema is null)
        {
            return new AppendEventsResult(AppendStatus.NotFound, null, null, 0, 0, 0, null);
        }

        if (sub.Revision != _applier.Revision)
        {
            await EnsureAppliedAsync();
            return new AppendEventsResult(AppendStatus.Stale, null, null, 0, 0, 0, _snapshot);
        }

        var batch = sub.Batch;
        if (MissingRateProblems(batch) is { Count: > 0 } problems)
        {
            return new AppendEventsResult(AppendStatus.Rejected, null, null, 0, 0, 0, null, problems);
        }

        var width = _applier.Schema.PredictionWidth;
        var hashes = EventIdHash.Of(batch.Ids);
        var fingerprint = BatchFingerprint.OfEvents(hashes);
        var since = NowUnixMs - (long)_options.DedupHorizon.TotalMilliseconds;
        if (await ResentAsync(fingerprint, since, batch) is { } resent)
        {
            // The same batch was stored before: answered whole from that entry, however many ids came in between.
            return new AppendEventsResult(AppendStatus.Stored, resent.Predictions, Enumerable.Repeat(resent.Version, batch.Count).ToArray(),
                0, batch.Count, 0, _snapshot is { } latest && latest.Sequence > sub.SnapshotSequence ? latest : null);
        }

        var located = _log.LocateRecent(hashes, since);
        var answers = new double[batch.Count * width];
        var versions = Enumerable.Repeat(sub.Version, batch.Count).ToArray();
        var fresh = new List<int>(batch.Count);
        for (var row = 0; row < batch.Count; row++)
        {
            var (sequence, position) = located[row];
            var stored = sequence > 0 ? await _log.GetEventsAsync(sequence) : null;
            if (stored is not null && position < stored.Batch.Count && stored.Batch.Ids[position] == batch.Ids[row])
            {
                stored.Predictions.Row(position).CopyTo(answers.AsSpan(row * width, width));
                versions[row] = stored.Version;
            }
            else
            {
                fresh.Add(row);
            }
        }

        long appendedAt = 0;
        if (fresh.Count > 0)
        {
            var rows = fresh.Count == batch.Count ? null : fresh.ToArray();
            var (entry, eventHashes, prelearned) = await BuildEntryAsync(sub, rows, hashes);
            // Only an entry holding the whole batch answers for it when it is resent.
            appendedAt = await _log.AppendAsync(entry, [.. eventHashes, .. LabelledHashes(entry.Batch)], fresh.Count == batch.Count ? fingerprint : 0);
            _prelearned = prelearned is null ? null : (appendedAt, prelearned);
            Enqueue(appendedAt, entry);
            for (var i = 0; i < fresh.Count; i++)
            {
                entry.Predictions.Row(i).CopyTo(answers.AsSpan(fresh[i] * width, width));
                versions[fresh[i]] = entry.Version;
            }
        }

        var newer = _snapshot is { } current && current.Sequence > sub.SnapshotSequence ? current : null;
        return new AppendEventsResult(AppendStatus.Stored, new Predictions(width, answers), versions,
            fresh.Count, batch.Count - fresh.Count, appendedAt, newer);
    }

    public async Task<AppendLabelsResult> AppendLabels(Immutable<LabelBatch> labels)
    {
        var batch = labels.Value;
        if (_applier.Schema is not { } schema)
        {
            return new AppendLabelsResult(AppendStatus.NotFound, 0, 0, 0, 0);
        }

        var labelHashes = LabelIdHash.Of(batch.Ids);
        var fingerprint = BatchFingerprint.OfLabels(labelHashes);
        var since = NowUnixMs - (long)_options.DedupHorizon.TotalMilliseconds;
        if (await _log.FindBatchAsync(fingerprint, since) is not null)
        {
            // The same label batch was stored before: every label in it is a duplicate.
            return new AppendLabelsResult(AppendStatus.Stored, batch.Count, 0, 0, batch.Count);
        }

        var earlier = _log.LocateRecent(labelHashes, since);
        var events = await _log.LocateAsync(EventIdHash.Of(batch.Ids), long.MinValue);
        var sequences = new long[batch.Count];
        var rows = new int[batch.Count];
        var joined = new List<(EventsEntry Entry, int Row)>();
        var duplicates = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            rows[i] = -1;
            if (earlier[i].Sequence > 0)
            {
                sequences[i] = LabelJoin.Duplicate;
                duplicates++;
            }
            else if (events[i].Sequence > 0 && await _log.GetEventsAsync(events[i].Sequence) is { } entry
                && events[i].Position < entry.Batch.Count && entry.Batch.Ids[events[i].Position] == batch.Ids[i])
            {
                (sequences[i], rows[i]) = (events[i].Sequence, joined.Count);
                joined.Add((entry, events[i].Position));
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
            Enqueue(await _log.AppendAsync(entry, labelHashes, duplicates == 0 ? fingerprint : 0), entry);
        }

        var unmatched = batch.Count - duplicates - joined.Count;
        return new AppendLabelsResult(AppendStatus.Stored, batch.Count, joined.Count, unmatched, duplicates);
    }

    /// <summary>
    /// The entry for the rows not logged yet. A prequential submission is predicted here, row by row, by a copy of
    /// the live learner that learns each label right after predicting its row; applying the entry later repeats
    /// exactly those updates on the learner itself.
    /// </summary>
    private async Task<(EventsEntry Entry, ulong[] Hashes, OnlineLearner? Prelearned)> BuildEntryAsync(EventsSubmission sub, int[]? rows, ulong[] hashes)
    {
        var batch = rows is null ? sub.Batch : sub.Batch.Select(rows);
        var eventHashes = rows is null ? hashes : rows.Select(r => hashes[r]).ToArray();
        if (!sub.Prequential)
        {
            var predictions = rows is null ? sub.Predictions : sub.Predictions.Select(rows);
            return (new EventsEntry(sub.ArrivalUnixMs, batch, predictions, sub.Version, sub.SnapshotSequence, sub.SnapshotDigest), eventHashes, null);
        }

        await EnsureAppliedAsync();
        var before = snapshots.Create(Model, _applier);
        var learner = _applier.Learner!.Clone();
        var prequential = learner.PredictThenLearn(batch, _applier.Schema!.PredictionWidth);
        return (new EventsEntry(sub.ArrivalUnixMs, batch, prequential, before.Version, before.Sequence, before.Digest), eventHashes, learner);
    }

    /// <summary>The entry that stored this very batch (same fingerprint, same ids in the same order) within the horizon, if any.</summary>
    private async Task<EventsEntry?> ResentAsync(ulong fingerprint, long sinceUnixMs, EventBatch batch)
    {
        if (await _log.FindBatchAsync(fingerprint, sinceUnixMs) is not { } sequence || await _log.GetEventsAsync(sequence) is not { } stored)
        {
            return null;
        }

        return stored.Batch.Ids.AsSpan().SequenceEqual(batch.Ids) ? stored : null;
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
