using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Tests.Validation;

/// <summary>The schema the event-reader tests share: binary DOWN/UP, a required and an optional number, an open category.</summary>
internal static class ReaderSchemas
{
    /// <summary>price (numeric, required), load (numeric, optional), day (categorical, any value).</summary>
    public static readonly ModelSchema Basic = new(new ModelDefinition
    {
        Task = ModelTask.Binary,
        Target = "class",
        Classes = ["DOWN", "UP"],
        Features =
        [
            new FeatureSpec { Name = "price", Type = FeatureType.Numeric },
            new FeatureSpec { Name = "load", Type = FeatureType.Numeric, Required = false },
            new FeatureSpec { Name = "day", Type = FeatureType.Categorical },
        ],
    });
}
