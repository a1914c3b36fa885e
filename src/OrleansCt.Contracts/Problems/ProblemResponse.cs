
namespace OrleansCt.Contracts;

/// <summary>An RFC 7807 problem as OrleansCt sends it, with every bad field listed.</summary>
public sealed record ProblemResponse
{
    public string? Type { get; init; }

    public string? Title { get; init; }

    public int? Status { get; init; }

    public string? Detail { get; init; }

    public IReadOnlyList<FieldError>? Errors { get; init; }
}
