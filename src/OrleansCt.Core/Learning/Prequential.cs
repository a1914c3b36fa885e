using OrleansCt.Core.Events;

namespace OrleansCt.Core.Learning;

/// <summary>Test-then-train over a batch: each row is predicted, then learned if it has a label.</summary>
public static class Prequential
{
    /// <summary>
    /// Predicts every row in order, learning each labelled row right after its prediction; mutates <paramref name="learner"/>.
    /// The same predictions and state as Predict then Learn row by row, with each row encoded once.
    /// </summary>
    public static Predictions PredictThenLearn(this OnlineLearner learner, EventBatch batch, int width)
    {
        var scores = new double[batch.Count * width];
        learner.PredictThenLearn(batch, scores, width);
        return new Predictions(width, scores);
    }

    /// <summary>Predicts every row in order without learning anything (a model whose online learning is stopped).</summary>
    public static Predictions PredictEach(this OnlineLearner learner, EventBatch batch, int width)
    {
        var scores = new double[batch.Count * width];
        for (var row = 0; row < batch.Count; row++)
        {
            learner.Predict(batch, row, scores.AsSpan(row * width, width));
        }

        return new Predictions(width, scores);
    }
}
