using System.Globalization;
using System.Security.Cryptography;
using OrleansCt.Abstractions.Models;
using OrleansCt.Abstractions.Registry;
using OrleansCt.Abstractions.Training;
using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;
using OrleansCt.Training.Artifacts;
using OrleansCt.Training.Validation;

namespace OrleansCt.Grains.Training;

/// <remarks>Versions that do not come from a retrain's state machine: a zip trained elsewhere, and a version trained again to show it is reproducible.</remarks>
public sealed partial class CoordinatorGrain
{
    /// <summary>Rows a reproduction compares the two versions on, at most (the retrain's held-out rows).</summary>
    public const int ReproduceSampleRows = 1_000;

    public async Task<RegisterVersionResult> Upload(Immutable<byte[]> zip, string? reason, string? by)
    {
        if (await SchemaAsync() is not { } schema)
        {
            return new RegisterVersionResult(ReadStatus.NotFound, [NotRegistered()], null);
        }

        var bytes = zip.Value;
        var sample = await SampleAsync(schema);
        var (_, check, field) = await work.CheckAsync(bytes, schema, sample, _options.Timeout);
        if (!check.Loaded)
        {
            return new RegisterVersionResult(ReadStatus.Invalid, [new FieldError(field ?? "artifact", check.Problem ?? "the zip does not load")], null);
        }

        var limit = new GateSpec().MaxLatencyMsOrDefault;
        if (check.LatencySeconds * 1000 > limit)
        {
            return new RegisterVersionResult(ReadStatus.Invalid,
                [new FieldError("artifact", $"the model took {check.LatencySeconds * 1000:F1} ms to score a sample of {check.SampleRows} rows; the limit is {limit} ms")], null);
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var draft = new VersionDraft(
            Origin: $"upload {sha}",
            Parent: null,
            Trainer: "upload",
            Options: [],
            Seed: null,
            Packages: [],
            Window: null,
            Trigger: "upload",
            Reason: reason ?? $"uploaded by {by ?? "a user"}; infrastructure check passed: scored {check.SampleRows} rows in {check.LatencySeconds * 1000:F1} ms",
            Validation: [],
            Cost: null,
            Artifact: bytes);
        return await Registry.Register(new(draft));
    }

    public async Task<ReproduceResult> Reproduce(string version)
    {
        if (await SchemaAsync() is not { } schema || await Registry.Get(version) is not { } original)
        {
            return new ReproduceResult(ReproduceStatus.NotFound, [await SchemaAsync() is null ? NotRegistered() : new FieldError("version", $"'{Clip(version)}' is not a version of '{Model}'")], null);
        }

        if (original.Origin is not { } origin || !origin.StartsWith("retrain ", StringComparison.Ordinal) || Find(origin["retrain ".Length..]) is not { } record
            || original.Window is not { } window || record.View.HoldoutRows is not { } holdout)
        {
            return new ReproduceResult(ReproduceStatus.Invalid,
                [new FieldError("version", $"version {version} was not trained from the log ({original.Origin ?? original.Trainer}); only retrained versions can be reproduced")], null);
        }

        if (original.ArtifactDropped || original.ArtifactSha256 is not { } sha)
        {
            return new ReproduceResult(ReproduceStatus.Gone, [new FieldError("version", $"version {version}'s artifact was dropped by artifact retention; there is nothing to compare with")], null);
        }

        var firstRetained = (await Owner.GetInfo())?.Retention.FirstRetainedSequence ?? 0;
        if (firstRetained > window.FromSequence)
        {
            return new ReproduceResult(ReproduceStatus.Gone,
                [new FieldError("version", $"log retention dropped every entry before sequence {firstRetained}; version {version} was trained on rows from sequences {window.FromSequence} to {window.ToSequence}")], null);
        }

        var (plan, errors) = RetrainPlan.Parse(record.Request, schema, _options);
        if (plan is null)
        {
            return new ReproduceResult(ReproduceStatus.Invalid, errors, null);
        }

        var read = await work.ReadAsync(Model, schema, record.View.Position, plan.Rows);
        if (plan.Window is Core.Policy.RepresentativeWindow)
        {
            return new ReproduceResult(ReproduceStatus.Invalid,
                [new FieldError("version", $"version {version} was trained on a representative sample, drawn against the reference and drift flags of its time, which the log alone does not hold")], null);
        }

        if (record.View.WindowChoice is not null && await SelectAsync(record, read, plan, schema, CancellationToken.None) is { Keep: { } keep })
        {
            read = read.Select(keep);
        }

        if (read.Rows.Count <= holdout)
        {
            return new ReproduceResult(ReproduceStatus.Gone, [new FieldError("version", $"the log now holds {read.Rows.Count:N0} of the rows version {version} was trained and validated on")], null);
        }

        var (train, test) = read.Rows.SplitNewest(holdout);
        LoadedModel? warmFrom = null;
        if (plan.Kind == RetrainPlan.Warm && original.Parent is { } parent && await Registry.Get(parent) is { Kind: "mlnet" } parentVersion)
        {
            if (parentVersion is not { ArtifactSha256: { } parentSha, ArtifactDropped: false })
            {
                return new ReproduceResult(ReproduceStatus.Gone, [new FieldError("version", $"version {version} was warm-started from version {parent}, whose artifact was dropped by artifact retention")], null);
            }

            warmFrom = await champions.GetAsync(Model, 0, schema, parentSha);
        }

        var again = await work.TrainAgainAsync($"{Model} reproduce {version}", train, plan, warmFrom, _options.Timeout, CancellationToken.None);
        var recorded = await champions.GetAsync(Model, 0, schema, sha);
        var sample = test.Slice(0, Math.Min(ReproduceSampleRows, test.Count)).ToBatch();
        var (identical, maxDifference) = Compare(recorded.Score(sample), again.Model.Score(sample));
        return new ReproduceResult(ReproduceStatus.Ok, [], new ReproduceResponse(
            Model, version, window.Digest, again.RowsDigest, window.Digest == again.RowsDigest, sha, again.Artifact.Sha256, sha == again.Artifact.Sha256,
            sample.Count, identical, maxDifference, identical == sample.Count && window.Digest == again.RowsDigest));
    }

    /// <summary>Rows whose predictions are equal bit for bit, and the largest difference of any value.</summary>
    private static (int Identical, double MaxDifference) Compare(Predictions a, Predictions b)
    {
        var identical = 0;
        var max = 0.0;
        for (var r = 0; r < a.Count; r++)
        {
            var same = true;
            for (var k = 0; k < a.Width; k++)
            {
                var difference = Math.Abs(a.Row(r)[k] - b.Row(r)[k]);
                same &= BitConverter.DoubleToInt64Bits(a.Row(r)[k]) == BitConverter.DoubleToInt64Bits(b.Row(r)[k]);
                max = Math.Max(max, difference);
            }

            identical += same ? 1 : 0;
        }

        return (identical, max);
    }

    /// <summary>The newest logged rows as a sample to score (labels not needed), or one row of missing values when nothing is logged.</summary>
    private async Task<EventBatch> SampleAsync(ModelSchema schema)
    {
        var read = await work.ReadAsync(Model, schema, long.MaxValue, RetrainWork.SampleRows);
        if (read.Rows.Count > 0)
        {
            return read.Rows.ToBatch();
        }

        return new EventBatch
        {
            Ids = ["sample"],
            Times = [0],
            Numeric = [.. schema.Numeric.Select(_ => new[] { double.NaN })],
            Categorical = [.. schema.Categorical.Select(_ => new string?[] { null })],
        };
    }

    private static string Clip(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
