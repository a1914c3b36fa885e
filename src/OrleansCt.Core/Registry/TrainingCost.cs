namespace OrleansCt.Core.Registry;

/// <summary>What a training cost: rows, passes over them when the trainer's settings fix the number, and wall-clock seconds.</summary>
/// <param name="Rows">Rows trained on.</param>
/// <param name="Passes">Boosting rounds (trees) or epochs (online and SDCA trainers, when set); null when the trainer decides (L-BFGS, SDCA by default).</param>
/// <param name="Seconds">Wall-clock seconds of the fit, featurisation included, saving not (this machine's; the row passes compare across machines).</param>
public sealed record TrainingCost(int Rows, int? Passes, double Seconds)
{
    public long? RowPasses => Passes is { } passes ? (long)Rows * passes : null;
}
