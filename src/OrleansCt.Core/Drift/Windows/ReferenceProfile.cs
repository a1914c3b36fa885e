namespace OrleansCt.Core.Drift.Windows;

/// <summary>
/// What drift is measured against: the reference's columns on their fixed bins, in the schema's order (numeric features,
/// then categorical), and the prediction and label columns when the reference has them. A new reference gets the next
/// revision; windows of an older revision are on other bins and are dropped.
/// </summary>
/// <param name="Source">"automatic" (the model's first events), "csv" or "events" (an event-time range of the log).</param>
/// <param name="ModelFeatures">The model's features when this is a slice of them (a feature group); null for the whole profile.</param>
public sealed record ReferenceProfile(
    int Revision,
    string Source,
    long Rows,
    ColumnReference[] Features,
    ColumnReference? Prediction,
    ColumnReference? Label,
    MultivariateReference? Multivariate = null,
    int? ModelFeatures = null)
{
    /// <summary>The source of a reference gathered from the model's first events.</summary>
    public const string Automatic = "automatic";

    /// <summary>All the model's features, of every group: what the features' α is split over.</summary>
    public int FeatureCount => ModelFeatures ?? Features.Length;

    /// <summary>
    /// Whether the numeric columns' counts come from quantile sketches (a gathered reference: bins and counts from its sketches'
    /// ranks) rather than from every value (a CSV or a range of the log), so that their cumulative shares carry the sketch's rank error.
    /// </summary>
    public bool SketchedCounts => Source == Automatic;

    /// <summary>The reference's columns restricted to features [from, from + count) (a feature group); outputs only for group 0.</summary>
    public ReferenceProfile Slice(int from, int count) =>
        this with
        {
            Features = Features.Skip(from).Take(count).ToArray(),
            Prediction = from == 0 ? Prediction : null,
            Label = from == 0 ? Label : null,
            Multivariate = from == 0 ? Multivariate : null,
            ModelFeatures = FeatureCount,
        };
}
