namespace OrleansCt.Core.SchemaInference;

/// <summary>What differs between a declared feature and the reference.</summary>
public enum SchemaDifferenceKind
{
    /// <summary>Declared, but the reference has no such column.</summary>
    Missing,

    /// <summary>In the reference, but not declared.</summary>
    New,

    /// <summary>Declared numeric and categorical in the reference, or the other way round.</summary>
    Type,

    /// <summary>Declared required, but the reference has missing values.</summary>
    Required,

    /// <summary>The reference's min is below the declared min, or its max above the declared max.</summary>
    Range,

    /// <summary>The reference has categories that the declared list lacks.</summary>
    Domain,
}

/// <summary>One difference a person should look at, with a sentence that names the values.</summary>
public sealed record SchemaDifference(string Feature, SchemaDifferenceKind Kind, string Message);
