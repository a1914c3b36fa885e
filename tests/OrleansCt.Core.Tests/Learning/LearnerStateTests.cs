using OrleansCt.Core.Learning;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Tests.Learning;

public sealed class LearnerStateTests
{
    private static ModelSchema Elec2Schema(LearnerSpec? spec = null) => new(Elec2.Definition(spec ?? new LearnerSpec()));

    [Theory]
    [InlineData("optimal")]
    [InlineData("adagrad")]
    public void A_restored_learner_predicts_and_learns_bit_for_bit_like_the_original(string schedule)
    {
        var schema = Elec2Schema(new LearnerSpec { Schedule = schedule });
        var batch = Elec2.Batch;
        var original = OnlineLearner.Create(schema);
        LearnRows(original, 0, 2000);

        var restored = OnlineLearner.Restore(schema, original.ExportState());
        Assert.Equal(original.Updates, restored.Updates);
        Assert.Equal(original.PredictAll(batch).Scores, restored.PredictAll(batch).Scores);

        LearnRows(original, 2000, 3000);
        LearnRows(restored, 2000, 3000);
        AssertSameState(original.ExportState(), restored.ExportState());
    }

    [Fact]
    public void The_same_rows_in_the_same_order_give_the_same_state()
    {
        var first = OnlineLearner.Create(Elec2Schema());
        var second = OnlineLearner.Create(Elec2Schema());
        LearnRows(first, 0, 3000);
        LearnRows(second, 0, 3000);
        AssertSameState(first.ExportState(), second.ExportState());
    }

    [Fact]
    public void Exported_state_is_a_copy_and_a_clone_is_independent()
    {
        var learner = OnlineLearner.Create(Elec2Schema());
        LearnRows(learner, 0, 500);
        var before = learner.ExportState();
        var predictions = learner.PredictAll(Elec2.Batch).Scores;

        var exported = learner.ExportState();
        Array.Fill(exported.Weights, 42.0);
        Array.Fill(exported.FeatureMeans, 42.0);
        var clone = learner.Clone();
        LearnRows(clone, 500, 1000);

        AssertSameState(before, learner.ExportState());
        Assert.Equal(predictions, learner.PredictAll(Elec2.Batch).Scores);
        Assert.Equal(1000, clone.Updates);
        Assert.NotEqual(before.Weights, clone.ExportState().Weights);
    }

    [Fact]
    public void Restore_copies_the_state_it_is_given()
    {
        var schema = Elec2Schema();
        var source = OnlineLearner.Create(schema);
        LearnRows(source, 0, 100);
        var state = source.ExportState();
        var restored = OnlineLearner.Restore(schema, state);
        var predictions = restored.PredictAll(Elec2.Batch).Scores;

        Array.Fill(state.Weights, 42.0);

        Assert.Equal(predictions, restored.PredictAll(Elec2.Batch).Scores);
    }

    [Fact]
    public void Restore_rejects_a_state_learned_for_another_layout()
    {
        var other = new ModelSchema(Elec2.Definition(new LearnerSpec()) with
        {
            Features = [.. Elec2.Definition(new LearnerSpec()).Features.Where(f => f.Name != "transfer")],
        });
        var state = OnlineLearner.Create(other).ExportState();

        var error = Assert.Throws<ArgumentException>(() => OnlineLearner.Restore(Elec2Schema(), state));
        Assert.Contains("state.LayoutFingerprint", error.Message);
    }

    [Fact]
    public void Restore_names_the_array_whose_shape_is_wrong()
    {
        var schema = Elec2Schema();
        var good = OnlineLearner.Create(schema).ExportState();

        Assert.Contains("state.Weights has 3 values", Assert.Throws<ArgumentException>(() => OnlineLearner.Restore(schema, good with { Weights = [1, 2, 3] })).Message);
        Assert.Contains("state.FeatureMeans", Assert.Throws<ArgumentException>(() => OnlineLearner.Restore(schema, good with { FeatureMeans = [] })).Message);
        Assert.Contains("state.Dimension", Assert.Throws<ArgumentException>(() => OnlineLearner.Restore(schema, good with { Dimension = 3 })).Message);
        Assert.Contains("not a finite number", Assert.Throws<ArgumentException>(() => OnlineLearner.Restore(schema, good with { Intercepts = [double.NaN] })).Message);

        // A state kept without AdaGrad's sums cannot continue under the adagrad schedule.
        var adaGrad = Elec2Schema(new LearnerSpec { Schedule = "adagrad" });
        Assert.Contains("state.GradSquares", Assert.Throws<ArgumentException>(() => OnlineLearner.Restore(adaGrad, good)).Message);
    }

    private static void LearnRows(OnlineLearner learner, int from, int to)
    {
        var batch = Elec2.Batch;
        for (var row = from; row < to; row++)
        {
            learner.Learn(batch, row, batch.Labels![row]);
        }
    }

    private static void AssertSameState(LearnerState expected, LearnerState actual)
    {
        Assert.Equal(expected.LayoutFingerprint, actual.LayoutFingerprint);
        Assert.Equal(expected.Updates, actual.Updates);
        Assert.Equal(expected.Weights, actual.Weights);
        Assert.Equal(expected.Intercepts, actual.Intercepts);
        Assert.Equal(expected.GradSquares, actual.GradSquares);
        Assert.Equal(expected.InterceptGradSquares, actual.InterceptGradSquares);
        Assert.Equal(expected.FeatureCounts, actual.FeatureCounts);
        Assert.Equal(expected.FeatureMeans, actual.FeatureMeans);
        Assert.Equal(expected.FeatureM2, actual.FeatureM2);
        Assert.Equal((expected.TargetCount, expected.TargetMean, expected.TargetM2), (actual.TargetCount, actual.TargetMean, actual.TargetM2));
    }
}
