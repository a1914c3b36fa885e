using OrleansCt.Core.SchemaInference;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Tests.SchemaInference;

public sealed class SchemaComparisonTests
{
    private static readonly InferredSchema Reference = SchemaInferrer.Infer(
        ReferenceColumns.ReadCsv(new StringReader("price,load,region,code,extra\n0.5,1,north,a,x\n1.7,,south,7,x\n-0.25,3,east,8,y\n")),
        new SchemaInferenceOptions());

    private static IReadOnlyList<SchemaDifference> Compare(params FeatureSpec[] declared) => SchemaComparison.Compare(declared, Reference);

    [Fact]
    public void A_declared_schema_that_matches_its_reference_has_no_differences()
    {
        Assert.Empty(SchemaComparison.Compare(Reference.ToFeatures(), Reference));
    }

    [Fact]
    public void A_wrong_type_a_narrow_range_a_missing_category_and_absent_or_undeclared_columns_are_exactly_the_differences()
    {
        var differences = Compare(
            new FeatureSpec { Name = "price", Type = FeatureType.Numeric, Min = 0, Max = 1 },
            new FeatureSpec { Name = "load", Type = FeatureType.Numeric, Required = false },
            new FeatureSpec { Name = "region", Type = FeatureType.Categorical, Categories = ["north", "south"] },
            new FeatureSpec { Name = "code", Type = FeatureType.Numeric, Required = false, Min = 0 },
            new FeatureSpec { Name = "weather", Type = FeatureType.Categorical });

        Assert.Equal(
            [
                new("price", SchemaDifferenceKind.Range, "'price': the reference's min -0.25 is below the declared min 0, and the reference's max 1.7 is above the declared max 1."),
                new("region", SchemaDifferenceKind.Domain, "'region': the reference has 1 category not in the declared list: 'east'."),
                new("code", SchemaDifferenceKind.Type, "'code' is declared numeric, but the reference's column is categorical: its value 'a' is not a number."),
                new("weather", SchemaDifferenceKind.Missing, "'weather' is declared, but the reference has no column of that name."),
                new("extra", SchemaDifferenceKind.New, "the reference has a column 'extra' (categorical, 2 values) that is not declared."),
            ],
            differences);
    }

    [Fact]
    public void A_required_feature_with_missing_reference_values_is_a_difference_and_an_optional_one_never_missing_is_not()
    {
        var differences = Compare(
            new FeatureSpec { Name = "price", Type = FeatureType.Numeric, Required = false },
            new FeatureSpec { Name = "load", Type = FeatureType.Numeric },
            new FeatureSpec { Name = "region", Type = FeatureType.Categorical },
            new FeatureSpec { Name = "code", Type = FeatureType.Categorical },
            new FeatureSpec { Name = "extra", Type = FeatureType.Categorical, Required = false });

        Assert.Equal([new SchemaDifference("load", SchemaDifferenceKind.Required, "'load' is declared required, but 1 of the reference's 3 rows have no value.")], differences);
    }

    [Fact]
    public void Declared_categorical_where_the_reference_is_numeric_is_a_type_difference_and_only_one_bound_is_checked_when_one_is_declared()
    {
        var differences = Compare(
            new FeatureSpec { Name = "price", Type = FeatureType.Numeric, Max = 1.5 },
            new FeatureSpec { Name = "load", Type = FeatureType.Categorical, Required = false, Categories = ["1"] },
            new FeatureSpec { Name = "region", Type = FeatureType.Categorical },
            new FeatureSpec { Name = "code", Type = FeatureType.Categorical, Required = false },
            new FeatureSpec { Name = "extra", Type = FeatureType.Categorical, Required = false });

        Assert.Equal(
            [
                new("price", SchemaDifferenceKind.Range, "'price': the reference's max 1.7 is above the declared max 1.5."),
                new("load", SchemaDifferenceKind.Type, "'load' is declared categorical, but the reference's column is numeric."),
            ],
            differences);
    }

    [Fact]
    public void An_open_reference_domain_is_a_difference_only_when_it_has_more_values_than_the_declared_list()
    {
        var wide = SchemaInferrer.Infer(ReferenceColumns.ReadCsv(new StringReader("c\na\nb\nc\nd\n")), new SchemaInferenceOptions { CategoryCap = 2 });

        var narrow = SchemaComparison.Compare([new FeatureSpec { Name = "c", Type = FeatureType.Categorical, Categories = ["a"] }], wide);
        var broad = SchemaComparison.Compare([new FeatureSpec { Name = "c", Type = FeatureType.Categorical, Categories = ["a", "b", "c", "z"] }], wide);

        Assert.Equal([new SchemaDifference("c", SchemaDifferenceKind.Domain, "'c': the reference has more than 2 distinct values, so at least 2 of them are not among the 1 declared.")], narrow);
        Assert.Empty(broad);
    }
}
