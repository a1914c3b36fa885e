namespace OrleansCt.Contracts;

/// <summary>POST /v1/models/{model}/versions/{version}/promote: why, by whom, and whether drift is measured against the version's training window from then on.</summary>
public sealed record PromoteRequest
{
    public string? Reason { get; init; }

    public string? By { get; init; }

    public bool? SwitchReference { get; init; }
}
