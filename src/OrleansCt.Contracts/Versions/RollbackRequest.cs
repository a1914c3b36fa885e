namespace OrleansCt.Contracts;

/// <summary>POST /v1/models/{model}/rollback: the version to go back to (omitted: the champion before the current one), why and by whom.</summary>
public sealed record RollbackRequest
{
    public string? To { get; init; }

    public string? Reason { get; init; }

    public string? By { get; init; }
}
