using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;
using OrleansCt.Training.Tests.Support;
using OrleansCt.Training.WindowSelection;

namespace OrleansCt.Training.Tests.WindowSelection;

/// <summary>Per-row losses of a scored holdout: log loss of the true class's probability, clipped at 1e-15; squared error.</summary>
public sealed class PerRowLossTests
{
    [Fact]
    public void Log_loss_is_minus_ln_of_the_true_class_probability_clipped_at_1e_15()
    {
        var predictions = new Predictions(2, [0.2, 0.8, 0.2, 0.8, 1, 0]);

        var losses = PerRowLoss.Of(Tiny.Schema, predictions, [1, 0, 1]);

        // −ln 0.8 = 0.223143551, −ln 0.2 = 1.609437912, −ln 1e-15 = 15 ln 10 = 34.538776395.
        Assert.Equal(0.223143551, losses[0], 9);
        Assert.Equal(1.609437912, losses[1], 9);
        Assert.Equal(34.538776395, losses[2], 9);
    }

    [Fact]
    public void Regression_loss_is_the_squared_error()
    {
        var schema = new ModelSchema(new ModelDefinition
        {
            Task = ModelTask.Regression,
            Target = "y",
            Features = [new FeatureSpec { Name = "a", Type = FeatureType.Numeric }],
        });

        var losses = PerRowLoss.Of(schema, new Predictions(1, [3, -1.5]), [5, 0.5]);

        Assert.Equal([4, 4], losses);
    }

    [Fact]
    public void Predictions_of_another_length_name_the_field()
    {
        var error = Assert.Throws<ArgumentException>(() => PerRowLoss.Of(Tiny.Schema, new Predictions(2, [0.5, 0.5]), [1, 0]));

        Assert.Equal("predictions", error.ParamName);
    }
}
