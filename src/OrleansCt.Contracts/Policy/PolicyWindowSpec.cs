using System.Text.Json.Serialization;

namespace OrleansCt.Contracts;

/// <summary>
/// The training window. "fixed" (the default): the newest <see cref="Rows"/> labelled rows (default 50,000) or those of the
/// newest <see cref="Seconds"/> of event time, not both. "dynamic": train on each of <see cref="Candidates"/> (lengths in
/// <see cref="Unit"/>, "rows" or "seconds", that include the held-out rows; default 10,000, 20,000, 50,000 and 100,000
/// rows), score each on the newest <see cref="HoldoutRows"/> (default 5,000), keep the best, a tie within one standard error
/// going to the longer. "representative": <see cref="Rows"/> rows (default 50,000) sampled to match the reference's bins,
/// leaving out the buckets flagged as drifted unless <see cref="ExcludeDrifted"/> is false.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PolicyWindowSpec
{
    public string? Kind { get; init; }

    public int? Rows { get; init; }

    public double? Seconds { get; init; }

    public IReadOnlyList<double>? Candidates { get; init; }

    public string? Unit { get; init; }

    public int? HoldoutRows { get; init; }

    public bool? ExcludeDrifted { get; init; }
}
