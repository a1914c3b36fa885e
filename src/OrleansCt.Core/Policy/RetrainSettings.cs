namespace OrleansCt.Core.Policy;

/// <summary>
/// What a triggered retrain trains: its kind, the trainer (by its API name; null exactly when the kind is online) with its
/// options by name, and the seed.
/// </summary>
public sealed record RetrainSettings(RetrainKind Kind, string? Trainer, IReadOnlyDictionary<string, double> Options, int Seed)
{
    /// <summary>The trainer of every task when none is named (README, "Versions").</summary>
    public const string DefaultTrainer = "lightGbm";

    public static RetrainSettings Default { get; } = new(RetrainKind.Scratch, DefaultTrainer, new Dictionary<string, double>(), 0);

    // A record compares dictionaries by reference; a policy read back from its JSON must equal the one written.
    public bool Equals(RetrainSettings? other) =>
        other is not null && Kind == other.Kind && Trainer == other.Trainer && Seed == other.Seed
        && Options.Count == other.Options.Count
        && Options.All(o => other.Options.TryGetValue(o.Key, out var value) && value.Equals(o.Value));

    public override int GetHashCode() => HashCode.Combine(Kind, Trainer, Seed, Options.Count);
}
