namespace OrleansCt.Core.Registry;

/// <summary>What a training took: rows × passes over them (the work, comparable across machines) and seconds (this machine's).</summary>
public sealed record TrainingCost(long RowPasses, double Seconds);
