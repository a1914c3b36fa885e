namespace OrleansCt.Hosting.Tests.Infrastructure;

/// <summary>Model definitions the tests register, as a user would write them.</summary>
public static class Definitions
{
    public const string Binary = """
        {"task": "binary", "target": "class", "classes": ["DOWN", "UP"], "positiveClass": "UP",
         "features": [{"name": "nswprice", "type": "numeric", "min": 0, "max": 1, "required": true},
                      {"name": "day", "type": "categorical", "categories": ["1","2","3","4","5","6","7"]}],
         "learner": {"kind": "sgd", "loss": "log", "learningRate": 0.01, "l2": 0.0}}
        """;

    public const string Regression = """
        {"task": "regression", "target": "y",
         "features": [{"name": "x", "type": "numeric"}, {"name": "color", "type": "categorical", "required": false}]}
        """;

    public const string Multiclass = """
        {"task": "multiclass", "target": "species", "classes": ["a", "b", "c"],
         "features": [{"name": "x", "type": "numeric"}]}
        """;

    /// <summary>The elec2 model: every column of data/elec2/elec2.csv but the label, with default learner options.</summary>
    public const string Elec2 = """
        {"task": "binary", "target": "class", "classes": ["DOWN", "UP"], "positiveClass": "UP",
         "features": [{"name": "date", "type": "numeric"}, {"name": "day", "type": "categorical", "categories": ["1","2","3","4","5","6","7"]},
                      {"name": "period", "type": "numeric"}, {"name": "nswprice", "type": "numeric"},
                      {"name": "nswdemand", "type": "numeric"}, {"name": "vicprice", "type": "numeric"},
                      {"name": "vicdemand", "type": "numeric"}, {"name": "transfer", "type": "numeric"}]}
        """;

    /// <summary>California housing as a regression on median_house_value; total_bedrooms has missing values.</summary>
    public const string Housing = """
        {"task": "regression", "target": "median_house_value",
         "features": [{"name": "longitude", "type": "numeric"}, {"name": "latitude", "type": "numeric"},
                      {"name": "housing_median_age", "type": "numeric"}, {"name": "total_rooms", "type": "numeric"},
                      {"name": "total_bedrooms", "type": "numeric", "required": false}, {"name": "population", "type": "numeric"},
                      {"name": "households", "type": "numeric"}, {"name": "median_income", "type": "numeric"},
                      {"name": "ocean_proximity", "type": "categorical"}],
         "monitoring": {"bucketSeconds": 3600}}
        """;
}
