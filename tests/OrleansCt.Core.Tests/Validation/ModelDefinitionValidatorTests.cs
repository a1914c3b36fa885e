using OrleansCt.Core.Schema;
using OrleansCt.Core.Validation;

namespace OrleansCt.Core.Tests.Validation;

public sealed class ModelDefinitionValidatorTests
{
    private static readonly ModelDefinition Valid = new()
    {
        Task = ModelTask.Binary,
        Target = "class",
        Classes = ["DOWN", "UP"],
        PositiveClass = "UP",
        Features = [new FeatureSpec { Name = "x", Type = FeatureType.Numeric, Min = 0, Max = 1 }, new FeatureSpec { Name = "d", Type = FeatureType.Categorical, Categories = ["a", "b"] }],
    };

    [Fact]
    public void A_sound_definition_has_no_errors() => Assert.Empty(ModelDefinitionValidator.Validate(Valid));

    [Fact]
    public void Problems_are_named_by_field()
    {
        var bad = Valid with
        {
            Classes = ["UP", "UP"],
            PositiveClass = "SIDEWAYS",
            Features = [new FeatureSpec { Name = "x", Type = FeatureType.Numeric, Min = 3, Max = 1, Categories = ["a"] }, new FeatureSpec { Name = "x", Type = FeatureType.Categorical, Min = 1 }],
        };
        Assert.Equal(
            ["classes[1]", "positiveClass", "features[0].categories", "features[0].min", "features[1].name", "features[1].min"],
            ModelDefinitionValidator.Validate(bad).Select(e => e.Field));
    }

    [Theory]
    [InlineData("", "model")]
    [InlineData("has space", "model")]
    public void Model_names_are_checked(string name, string field) => Assert.Equal(field, ModelName.Check(name)!.Field);

    [Fact]
    public void A_64_character_name_of_letters_digits_dash_underscore_and_dot_is_allowed()
    {
        Assert.Null(ModelName.Check("a-b_c.d" + new string('x', 57)));
        Assert.NotNull(ModelName.Check(new string('x', 65)));
    }

    [Fact]
    public void Bounds_may_change_but_features_classes_and_learner_may_not()
    {
        Assert.Empty(DefinitionChange.FindIncompatible(Valid, Valid with { Features = [Valid.Features[0] with { Max = 5 }, Valid.Features[1]] }));
        Assert.Equal(["features[1].categories"], DefinitionChange.FindIncompatible(Valid, Valid with { Features = [Valid.Features[0], Valid.Features[1] with { Categories = ["a"] }] }).Select(e => e.Field));
        Assert.Equal(["classes", "learner"], DefinitionChange.FindIncompatible(Valid, Valid with { Classes = ["UP", "DOWN"], Learner = new LearnerSpec { L2 = 0.1 } }).Select(e => e.Field));
    }
}
