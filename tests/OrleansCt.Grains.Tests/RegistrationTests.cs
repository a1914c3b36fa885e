using OrleansCt.Abstractions.Models;
using OrleansCt.Grains.Model;

namespace OrleansCt.Grains.Tests;

/// <summary>Whether a definition is logged over the current one, from TestLog.Definition (binary, features x and c).</summary>
public sealed class RegistrationTests
{
    [Fact]
    public void A_first_definition_or_a_compatible_change_is_logged_the_same_one_is_unchanged()
    {
        Assert.Null(Registration.Invalid(TestLog.Definition));
        Assert.Null(Registration.Refusal(null, TestLog.Definition));

        // Equal JSON: unchanged, answered with the current definition.
        var same = Registration.Refusal(TestLog.Definition, TestLog.Definition with { });
        Assert.Equal((RegisterStatus.Unchanged, TestLog.Definition), (same!.Status, same.Definition));

        // New bounds on x are a compatible change (DefinitionChange: bounds may change, the features' shape may not).
        var bounded = TestLog.Definition with { Features = [TestLog.Definition.Features[0] with { Min = 0, Max = 10 }, TestLog.Definition.Features[1]] };
        Assert.Null(Registration.Refusal(TestLog.Definition, bounded));
    }

    [Fact]
    public void An_invalid_definition_or_an_incompatible_change_is_refused()
    {
        var invalid = Registration.Invalid(TestLog.Definition with { Features = [] });
        Assert.Equal(RegisterStatus.Invalid, invalid!.Status);
        Assert.NotEmpty(invalid.Errors);

        // x changing from numeric to categorical changes what the learner's weights mean.
        var retyped = TestLog.Definition with { Features = [new FeatureSpec { Name = "x", Type = FeatureType.Categorical }, TestLog.Definition.Features[1]] };
        var conflict = Registration.Refusal(TestLog.Definition, retyped);
        Assert.Equal((RegisterStatus.Conflict, TestLog.Definition), (conflict!.Status, conflict.Definition));
        Assert.NotEmpty(conflict.Errors);
    }
}
