using OrleansCt.Core.Registry;

namespace OrleansCt.Grains.Registry;

/// <summary>The registry as the API shows it.</summary>
internal static class VersionViews
{
    public static VersionListResponse List(string model, ModelRegistry registry) => new(
        model,
        [.. registry.Versions.Select(v => Of(v, registry))],
        [.. registry.State.History.Select(m => new AliasMoveView(m.Alias, m.Version, m.Previous, m.Sequence!.Value, m.EventTime, m.Reason, m.By))]);

    private static VersionView Of(ModelVersion v, ModelRegistry registry) => new()
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
        Trigger = v.Trigger,
        Reason = v.Reason,
        Validation = v.Validation.Count > 0 ? v.Validation : null,
        ArtifactSha256 = v.Artifact?.Sha256,
        ArtifactBytes = v.Artifact?.Bytes,
        ArtifactDropped = v.Artifact?.Dropped ?? false,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(v.CreatedUnixMs),
        Tags = v.Tags.Count > 0 ? v.Tags : null,
    };
}
