using System.Text.Json;
using OrleansCt.Core.SchemaInference;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Tests.SchemaInference;

public sealed class SchemaInferrerTests
{
    private static InferredSchema Infer(string csv, SchemaInferenceOptions? options = null) =>
        SchemaInferrer.Infer(ReferenceColumns.ReadCsv(new StringReader(csv)), options ?? new SchemaInferenceOptions());

    /// <summary>Specs are equal field by field, their category lists element by element (a record compares lists by reference).</summary>
    internal static void AssertSpec(FeatureSpec expected, FeatureSpec actual)
    {
        Assert.Equal(expected with { Categories = null }, actual with { Categories = null });
        Assert.Equal(expected.Categories, actual.Categories);
    }

    [Fact]
    public void A_column_of_numbers_is_numeric_with_its_observed_range_and_one_word_makes_it_categorical()
    {
        var schema = Infer("x,y,z\n1.5,3,a\n-2e1,x,b\n 0.25 ,4,a\n");

        Assert.Equal(new FeatureSpec { Name = "x", Type = FeatureType.Numeric, Min = -20, Max = 1.5 }, schema.Features[0].Spec);
        Assert.Equal(FeatureType.Categorical, schema.Features[1].Spec.Type);
        Assert.Equal("x", schema.Features[1].FirstNonNumber);
        Assert.Equal(["3", "4", "x"], schema.Features[1].Spec.Categories!);
        Assert.Equal(["a", "b"], schema.Features[2].Spec.Categories!);
        Assert.Equal((3, 0, 0.0, 3), (schema.Features[0].Rows, schema.Features[0].Missing, schema.Features[0].MissingShare, schema.Features[0].Distinct));
        Assert.Equal((-20.0, 1.5), (schema.Features[0].Min, schema.Features[0].Max));
    }

    [Fact]
    public void Infinity_and_numbers_beyond_double_are_not_finite_so_their_column_is_categorical()
    {
        var schema = Infer("a,b\n1,1\nInfinity,1e400\n");

        Assert.Equal(("Infinity", "1e400"), (schema.Features[0].FirstNonNumber, schema.Features[1].FirstNonNumber));
        Assert.All(schema.Features, f => Assert.Equal(FeatureType.Categorical, f.Spec.Type));
    }

    [Fact]
    public void Empty_and_NaN_values_are_missing_and_make_a_column_optional()
    {
        var schema = Infer("a,b,c\n1,u,5\n,v,6\nNaN,,7\nnan,w,8\n");

        Assert.Equal(
            new FeatureSpec { Name = "a", Type = FeatureType.Numeric, Required = false, Min = 1, Max = 1 },
            schema.Features[0].Spec);
        Assert.Equal((4, 3, 0.75, 1), (schema.Features[0].Rows, schema.Features[0].Missing, schema.Features[0].MissingShare, schema.Features[0].Distinct));
        AssertSpec(new FeatureSpec { Name = "b", Type = FeatureType.Categorical, Required = false, Categories = ["u", "v", "w"] }, schema.Features[1].Spec);
        Assert.Equal(0.25, schema.Features[1].MissingShare);
        Assert.True(schema.Features[2].Spec.Required);
    }

    [Fact]
    public void A_share_of_missing_values_up_to_the_threshold_keeps_a_column_required()
    {
        var options = new SchemaInferenceOptions { MaxMissingShareForRequired = 0.25 };

        var schema = Infer("a,b\n1,1\n2,\n3,\n,4\n", options);

        Assert.Equal((true, false), (schema.Features[0].Spec.Required, schema.Features[1].Spec.Required));
    }

    [Fact]
    public void A_column_with_no_value_at_all_is_numeric_optional_and_unbounded()
    {
        var feature = Infer("a,b\n,1\n,2\n").Features[0];

        Assert.Equal(new FeatureSpec { Name = "a", Type = FeatureType.Numeric, Required = false }, feature.Spec);
        Assert.Equal((2, 1.0, 0), (feature.Missing, feature.MissingShare, feature.Distinct));
    }

    [Fact]
    public void Up_to_the_cap_the_distinct_values_are_the_domain_sorted_ordinal_and_beyond_it_the_domain_is_open()
    {
        var options = new SchemaInferenceOptions { CategoryCap = 3 };

        var schema = Infer("within,beyond\nb,p\na,q\nB,r\nb,s\na,p\n", options);

        Assert.Equal(["B", "a", "b"], schema.Features[0].Spec.Categories!);
        Assert.Equal(3, schema.Features[0].Distinct);
        Assert.Null(schema.Features[1].Spec.Categories);
        Assert.Equal(4, schema.Features[1].Distinct);
    }

    [Fact]
    public void The_distinct_count_stops_at_cap_plus_one_and_numbers_count_by_value()
    {
        var options = new SchemaInferenceOptions { CategoryCap = 2 };

        var schema = Infer("n,c\n1,a\n1.0,b\n2,c\n3,d\n4,e\n", options);

        Assert.Equal((3, 3), (schema.Features[0].Distinct, schema.Features[1].Distinct));
        Assert.Equal(2, Infer("n\n1\n1.0\n2\n").Features[0].Distinct);
    }

    [Fact]
    public void ForceCategorical_keeps_digits_as_categories_and_Exclude_leaves_columns_out()
    {
        var options = new SchemaInferenceOptions { ForceCategorical = ["day"], Exclude = ["id", "label", "absent"] };

        var schema = Infer("id,day,x,label\n1,7,0.5,UP\n2,1,1.5,DOWN\n3,7,2.5,UP\n", options);

        Assert.Equal(["day", "x"], schema.Features.Select(f => f.Spec.Name));
        AssertSpec(new FeatureSpec { Name = "day", Type = FeatureType.Categorical, Categories = ["1", "7"] }, schema.Features[0].Spec);
        Assert.Equal((0.5, 2.5), (schema.Features[1].Spec.Min, schema.Features[1].Spec.Max));
        Assert.Same(options, schema.Options);
    }

    [Fact]
    public void Quoted_fields_with_commas_are_one_category()
    {
        var schema = Infer("city,n\n\"Paris, France\",1\n\"Paris, TX\",2\n\"Paris, France\",3\n");

        Assert.Equal(["Paris, France", "Paris, TX"], schema.Features[0].Spec.Categories!);
        Assert.Equal(2, schema.Features[0].Distinct);
    }

    [Fact]
    public void A_typed_categorical_column_of_digits_stays_categorical()
    {
        var columns = new ReferenceColumns(["price"], [[1.5, double.NaN]], ["day"], [["1", "2"]]);

        var schema = SchemaInferrer.Infer(columns, new SchemaInferenceOptions());

        Assert.Equal(new FeatureSpec { Name = "price", Type = FeatureType.Numeric, Required = false, Min = 1.5, Max = 1.5 }, schema.Features[0].Spec);
        Assert.Equal(["1", "2"], schema.Features[1].Spec.Categories!);
    }

    [Fact]
    public void ToFeatures_gives_the_specs_in_column_order()
    {
        var schema = Infer("a,b\n1,x\n2,y\n");

        Assert.Equal(["a", "b"], schema.ToFeatures().Select(f => f.Name));
        Assert.Same(schema.Features[1].Spec, schema.ToFeatures()[1]);
    }

    [Fact]
    public void ForceCategorical_naming_no_column_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Infer("a\n1\n", new SchemaInferenceOptions { ForceCategorical = ["b"] }));

        Assert.StartsWith("ForceCategorical names 'b', which is not a column of the reference (a).", error.Message);
    }

    [Fact]
    public void An_inferred_schema_goes_to_JSON_in_the_project_convention_and_back()
    {
        var schema = Infer("a,b\n1,x\n,y\n");

        var json = JsonSerializer.Serialize(schema, JsonDefaults.Options);
        var back = JsonSerializer.Deserialize<InferredSchema>(json, JsonDefaults.Options)!;

        Assert.Contains("\"features\":[{\"spec\":{\"name\":\"a\",\"type\":\"numeric\",\"min\":1,\"max\":1,\"required\":false},\"rows\":2,\"missing\":1,\"missingShare\":0.5,\"distinct\":1,\"min\":1,\"max\":1}", json);
        Assert.Equal(schema.Features[0], back.Features[0]);
        AssertSpec(schema.Features[1].Spec, back.Features[1].Spec);
    }
}
