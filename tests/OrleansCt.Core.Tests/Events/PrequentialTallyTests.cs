using OrleansCt.Core.Metrics;

namespace OrleansCt.Core.Tests.Events;

public sealed class PrequentialTallyTests
{
    [Fact]
    public void Accuracy_mae_and_rmse_match_the_hand_computed_values()
    {
        var classes = new PrequentialTally();
        classes.ObserveClass(1, 1);
        classes.ObserveClass(0, 1);
        classes.ObserveClass(1, 1);
        Assert.Equal(2.0 / 3.0, classes.Accuracy);

        var values = new PrequentialTally();
        values.ObserveValue(3, 1);   // error 2
        values.ObserveValue(0, 4);   // error -4
        Assert.Equal(3.0, values.Mae);                  // (2 + 4) / 2
        Assert.Equal(Math.Sqrt(10.0), values.Rmse);     // sqrt((4 + 16) / 2)
    }
}
