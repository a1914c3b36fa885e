namespace OrleansCt.Core.Validation;

/// <summary>Every size and range a request must respect, in one place; the README's "Limits" table lists them.</summary>
public static class BatchLimits
{
    public const int MaxEvents = 10_000;
    public const int MaxIdLength = 256;

    /// <summary>Errors listed in one answer; the rest are counted.</summary>
    public const int MaxErrors = 100;

    /// <summary>A category value (in an event or a definition) and a class name: longer ones would be kept and repeated in every stats answer.</summary>
    public const int MaxCategoryLength = 256;

    public const int MaxCategoriesPerFeature = 10_000;

    public const int MaxClasses = 1_000;

    public const int MaxFeatures = 2_000;

    public const int MaxFeatureNameLength = 128;

    /// <summary>Probabilities in one predict or events answer (events × classes), so a small request cannot ask for a huge answer.</summary>
    public const int MaxAnswerProbabilities = 200_000;

    /// <summary>
    /// A JSON string or name as sent (escapes included), and a reference CSV cell (quotes included), in bytes. Far above every named
    /// limit — an id or category of 256 characters is at most 1,536 bytes even written as \u escapes, 770 in a CSV cell — so only an
    /// absurd value meets it; it is refused before any string, document or column is built from it (an alert's comment, which has no
    /// limit of its own, is bounded by it).
    /// </summary>
    public const int MaxTextBytes = 64 * 1024;

    /// <summary>Nesting of a JSON body; deeper is refused naming the deepest field reached.</summary>
    public const int MaxJsonDepth = 64;

    /// <summary>A window of event time in a query: 100 years, so no window times a unit can overflow.</summary>
    public const double MaxWindowSeconds = 100 * 365.25 * 86_400;

    /// <summary>A window of a number of events in a query.</summary>
    public const long MaxWindowEvents = 1_000_000_000_000;

    /// <summary>An event time or a query time, in seconds either side of the epoch: the range of an ISO 8601 timestamp (years 1 to 9999).</summary>
    public const double MaxTimeSeconds = 253_402_300_800;

    /// <summary>Columns of a reference CSV (and fields in any of its rows): every feature of the widest model, with room for its target, ids, times and columns it does not use.</summary>
    public const int MaxReferenceColumns = 2 * MaxFeatures;

    /// <summary>Rows per chunk of a reference.</summary>
    public const int MaxChunkRows = 10_000_000;
}
