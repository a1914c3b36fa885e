namespace OrleansCt.Core.Policy;

/// <summary>
/// A retrain the guards count against: the event time of its log position, the labelled rows the model had seen by then, and
/// the row passes it was charged when it was accepted.
/// </summary>
public sealed record PastRetrain(double? EventTime, long Labels, double RowPasses);
