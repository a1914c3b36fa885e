using OrleansCt.Abstractions.Registry;
using OrleansCt.Core.Registry;

namespace OrleansCt.Grains.Registry;

/// <summary>The registry as the API shows it, and drafts made into records.</summary>
internal static class VersionViews
{
    public static VersionListResponse List(string model, ModelRegistry registry) => new(
        model,
        [.. registry.Versions.Select(v => Of(v, registry))],
        [.. registry.State.History.Select(Move)]);

    public static AliasMoveView Move(AliasMove m) => new(m.Alias, m.Version, m.Previous, m.Sequence!.Value, m.EventTime, m.Reason, m.By);

    public static VersionView Of(ModelVersion v, ModelRegistry registry) => new()
    {
        Version = v.Id,
        Kind = v.Kind == VersionKind.Online ? "online" : "mlnet",
        Parent = v.Parent,
        Lineage = registry.Lineage(v.Id),
        Aliases = registry.AliasesOf(v.Id),
        Trainer = v.Trainer,
        Options = v.Options.Count > 0 ? v.Options : null,
        Seed = v.Seed,
        Packages = v.Packages.Count > 0 ? v.Packages : null,
        Window = v.Window is { } w ? new TrainingWindowView(w.FromTime, w.ToTime, w.FromSequence, w.ToSequence, w.Rows, w.Digest) : null,
        Trigger = v.Trigger,
        Reason = v.Reason,
        Origin = v.Origin,
        Validation = v.Validation.Count > 0 ? v.Validation : null,
        Cost = v.Cost is { } c ? new TrainingCostView(c.Rows, c.Passes, c.RowPasses, c.Seconds) : null,
        ArtifactSha256 = v.Artifact?.Sha256,
        ArtifactBytes = v.Artifact?.Bytes,
        ArtifactDropped = v.Artifact?.Dropped ?? false,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(v.CreatedUnixMs),
        Tags = v.Tags.Count > 0 ? v.Tags : null,
    };

    public static ModelVersion FromDraft(VersionDraft d, string id, ArtifactRef? artifact, long createdUnixMs) => new()
    {
        Id = id,
        Kind = artifact is null ? VersionKind.Online : VersionKind.MlNet,
        Parent = d.Parent,
        Trainer = d.Trainer,
        Options = d.Options,
        Seed = d.Seed,
        Packages = d.Packages,
        Window = d.Window is { } w ? new TrainingWindow(w.FromTime, w.ToTime, w.FromSequence, w.ToSequence, w.Rows, w.Digest) : null,
        Trigger = d.Trigger,
        Reason = d.Reason,
        Origin = d.Origin,
        Validation = d.Validation,
        Cost = d.Cost is { } c ? new TrainingCost((int)c.Rows, c.Passes, c.Seconds) : null,
        Artifact = artifact,
        CreatedUnixMs = createdUnixMs,
        Tags = d.Tags ?? [],
    };
}
