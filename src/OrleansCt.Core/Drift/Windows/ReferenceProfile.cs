namespace OrleansCt.Core.Drift.Windows;

/// <summary>
/// What drift is measured against: the reference's columns on their fixed bins, in the schema's order (numeric features,
/// then categorical), and the prediction and label columns when the reference has them. A new reference gets the next
/// revision; windows of an older revision are on other bins and are dropped.
/// </summary>
/// <param name="Source">"automatic" (the model's first events), "csv" or "events" (an event-time range of the log).</param>
public sealed record ReferenceProfile(
    int Revision,
    string Source,
    long Rows,
    ColumnReference[] Features,
    ColumnReference? Prediction,
    ColumnReference? Label,
    MultivariateReference? Multivariate = null)
{
    /// <summary>The reference's columns restricted to features [from, from + count) (a feature group); outputs only for group 0.</summary>
    public ReferenceProfile Slice(int from, int count) =>
        this with { Features = Features.Skip(from).Take(count).ToArray(), Prediction = from == 0 ? Prediction : null, Label = from == 0 ? Label : null, Multivariate = from == 0 ? Multivariate : null };
}
