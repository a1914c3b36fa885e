using OrleansCt.Core.Events;
using OrleansCt.Core.Learning;

namespace OrleansCt.Core.Tests.Learning;

/// <summary>Test-then-train evaluation: predict each row, score it, then learn its label.</summary>
internal static class Prequential
{
    public static double Accuracy(OnlineLearner learner, EventBatch batch)
    {
        var labels = batch.Labels ?? throw new ArgumentException("the batch has no labels", nameof(batch));
        Span<double> probabilities = stackalloc double[2];
        var correct = 0;
        for (var row = 0; row < batch.Count; row++)
        {
            learner.Predict(batch, row, probabilities);
            var predicted = probabilities[1] > probabilities[0] ? 1 : 0;
            if (predicted == (int)labels[row])
            {
                correct++;
            }

            learner.Learn(batch, row, labels[row]);
        }

        return (double)correct / batch.Count;
    }
}
