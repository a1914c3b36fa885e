using OrleansCt.Core.SchemaInference;
using OrleansCt.Core.Schema;
using OrleansCt.Testing;

namespace OrleansCt.Core.Tests.SchemaInference;

// The expected numbers were printed by Debian's Python with the standard csv module only, run in the repository's data folder
// (data/) once with housing/housing.csv and once with elec2/elec2.csv as the last argument:
//
// /usr/bin/python3 -c "
// import csv,math,sys
// r=list(csv.reader(open(sys.argv[1],newline='')));h,d=r[0],r[1:];print(len(d),'rows')
// def num(v):
//   try: return math.isfinite(float(v))
//   except ValueError: return False
// for j,n in enumerate(h):
//   v=[x[j] for x in d if x[j]!='' and x[j].lower()!='nan'];isn=all(map(num,v));s={float(x) for x in v} if isn else set(v)
//   print(n,'numeric' if isn else 'categorical','missing',len(d)-len(v),'distinct',len(s),(min(s),max(s)) if isn else sorted(s) if len(s)<=20 else 'open')
// " housing/housing.csv
//
// It printed, among others: "20640 rows", "total_bedrooms numeric missing 207 distinct 1923 (1.0, 6445.0)", "longitude ... (-124.35, -114.31)",
// "housing_median_age ... distinct 52 (1.0, 52.0)", "median_income ... (0.4999, 15.0001)",
// "ocean_proximity categorical missing 0 distinct 5 ['<1H OCEAN', 'INLAND', 'ISLAND', 'NEAR BAY', 'NEAR OCEAN']"; and for elec2: "45312 rows",
// "day numeric missing 0 distinct 7 (1.0, 7.0)", "period ... distinct 48", "date ... distinct 933", "nswprice ... (0.0, 1.0)",
// "class categorical missing 0 distinct 2 ['DOWN', 'UP']", and "missing 0" for every elec2 column.
// Distinct counts in the assertions are those numbers capped at CategoryCap + 1 = 21.

/// <summary>Inference over the data sets in data/, against numbers computed independently by Python (above).</summary>
public sealed class RealDataSchemaInferenceTests
{
    private static InferredSchema Infer(string file, SchemaInferenceOptions options)
    {
        using var stream = File.OpenRead(RepoFiles.PathOf(file));
        return SchemaInferrer.Infer(ReferenceColumns.ReadCsv(stream), options);
    }

    [Fact]
    public void Housing_total_bedrooms_is_optional_and_ocean_proximity_has_five_categories()
    {
        var schema = Infer("data/housing/housing.csv", new SchemaInferenceOptions { Exclude = ["median_house_value"] });

        Assert.Equal(20640, schema.Rows);
        Assert.Equal(
            ["longitude", "latitude", "housing_median_age", "total_rooms", "total_bedrooms", "population", "households", "median_income", "ocean_proximity"],
            schema.Features.Select(f => f.Spec.Name));
        var bedrooms = schema.Find("total_bedrooms")!;
        Assert.Equal(new FeatureSpec { Name = "total_bedrooms", Type = FeatureType.Numeric, Required = false, Min = 1, Max = 6445 }, bedrooms.Spec);
        Assert.Equal((20640, 207, 207 / 20640.0, 21), (bedrooms.Rows, bedrooms.Missing, bedrooms.MissingShare, bedrooms.Distinct));
        Assert.Equal(new FeatureSpec { Name = "longitude", Type = FeatureType.Numeric, Min = -124.35, Max = -114.31 }, schema.Find("longitude")!.Spec);
        Assert.Equal(new FeatureSpec { Name = "median_income", Type = FeatureType.Numeric, Min = 0.4999, Max = 15.0001 }, schema.Find("median_income")!.Spec);
        Assert.Equal((1.0, 52.0, 21), (schema.Find("housing_median_age")!.Min, schema.Find("housing_median_age")!.Max, schema.Find("housing_median_age")!.Distinct));
        SchemaInferrerTests.AssertSpec(
            new FeatureSpec { Name = "ocean_proximity", Type = FeatureType.Categorical, Categories = ["<1H OCEAN", "INLAND", "ISLAND", "NEAR BAY", "NEAR OCEAN"] },
            schema.Find("ocean_proximity")!.Spec);
        Assert.Equal(5, schema.Find("ocean_proximity")!.Distinct);
        Assert.Equal(8, schema.Features.Count(f => f.Spec.Required));
    }

    [Fact]
    public void Elec2_class_is_UP_or_DOWN_and_day_has_seven_values()
    {
        var schema = Infer("data/elec2/elec2.csv", new SchemaInferenceOptions());

        Assert.Equal(45312, schema.Rows);
        SchemaInferrerTests.AssertSpec(new FeatureSpec { Name = "class", Type = FeatureType.Categorical, Categories = ["DOWN", "UP"] }, schema.Find("class")!.Spec);
        Assert.Equal(new FeatureSpec { Name = "day", Type = FeatureType.Numeric, Min = 1, Max = 7 }, schema.Find("day")!.Spec);
        Assert.Equal(7, schema.Find("day")!.Distinct);
        Assert.Equal(new FeatureSpec { Name = "nswprice", Type = FeatureType.Numeric, Min = 0, Max = 1 }, schema.Find("nswprice")!.Spec);
        Assert.Equal((21, 21), (schema.Find("period")!.Distinct, schema.Find("date")!.Distinct));
        Assert.All(schema.Features, f => Assert.Equal(0, f.Missing));
    }

    [Fact]
    public void Elec2_day_forced_categorical_lists_1_to_7()
    {
        var schema = Infer("data/elec2/elec2.csv", new SchemaInferenceOptions { ForceCategorical = ["day"], Exclude = ["class", "date"] });

        SchemaInferrerTests.AssertSpec(
            new FeatureSpec { Name = "day", Type = FeatureType.Categorical, Categories = ["1", "2", "3", "4", "5", "6", "7"] },
            schema.Find("day")!.Spec);
        Assert.Equal(["day", "period", "nswprice", "nswdemand", "vicprice", "vicdemand", "transfer"], schema.Features.Select(f => f.Spec.Name));
    }
}
