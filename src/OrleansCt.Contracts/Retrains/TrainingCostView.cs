namespace OrleansCt.Contracts;

/// <summary>What a training cost: rows × passes (the deterministic unit; passes null where a trainer does not say) and measured seconds.</summary>
public sealed record TrainingCostView(long Rows, int? Passes, long? RowPasses, double Seconds);
