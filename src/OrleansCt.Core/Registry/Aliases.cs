namespace OrleansCt.Core.Registry;

/// <summary>The aliases a version can hold: the one that answers, and the one beside it under evaluation.</summary>
public static class Aliases
{
    public const string Champion = "champion";

    public const string Challenger = "challenger";

    public static IReadOnlyList<string> All { get; } = [Champion, Challenger];

    public static bool IsKnown(string alias) => alias is Champion or Challenger;
}
