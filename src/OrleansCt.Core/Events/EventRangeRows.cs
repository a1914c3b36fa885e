namespace OrleansCt.Core.Events;

/// <summary>
/// Gathers, batch after batch, the rows whose event time lies in [from, to): their features, labels (NaN when unlabelled)
/// and the score the model served for each (the positive class's, or the regression value), as one batch.
/// </summary>
public sealed class EventRangeRows
{
    private readonly double _from;
    private readonly double _to;
    private readonly int _scoreIndex;
    private readonly List<double>[] _numeric;
    private readonly List<string?>[] _categorical;
    private readonly List<double> _scores = [];
    private readonly List<double> _labels = [];
    private readonly List<double> _times = [];

    /// <param name="scoreIndex">The column of a prediction row taken as its score.</param>
    public EventRangeRows(int numeric, int categorical, int scoreIndex, double from, double to)
    {
        (_from, _to, _scoreIndex) = (from, to, scoreIndex);
        _numeric = Enumerable.Range(0, numeric).Select(_ => new List<double>()).ToArray();
        _categorical = Enumerable.Range(0, categorical).Select(_ => new List<string?>()).ToArray();
    }

    /// <summary>Rows gathered so far.</summary>
    public int Count => _scores.Count;

    /// <summary>Adds the rows of <paramref name="batch"/> inside the range; a batch of another shape (an older schema) adds none.</summary>
    public void Add(EventBatch batch, Predictions predictions)
    {
        for (var row = 0; row < batch.Count; row++)
        {
            if (batch.Times[row] >= _from && batch.Times[row] < _to && batch.Numeric.Length == _numeric.Length && batch.Categorical.Length == _categorical.Length)
            {
                for (var f = 0; f < _numeric.Length; f++)
                {
                    _numeric[f].Add(batch.Numeric[f][row]);
                }

                for (var f = 0; f < _categorical.Length; f++)
                {
                    _categorical[f].Add(batch.Categorical[f][row]);
                }

                _scores.Add(predictions.Row(row)[_scoreIndex]);
                _labels.Add(batch.Labels?[row] ?? double.NaN);
                _times.Add(batch.Times[row]);
            }
        }
    }

    /// <summary>The rows gathered, in the order added (ids are left null: a reference needs none), and their scores.</summary>
    public (EventBatch Batch, double[] Scores) ToBatch()
    {
        var batch = new EventBatch
        {
            Ids = new string[_scores.Count],
            Times = [.. _times],
            Numeric = _numeric.Select(c => c.ToArray()).ToArray(),
            Categorical = _categorical.Select(c => c.ToArray()).ToArray(),
            Labels = [.. _labels],
        };
        return (batch, [.. _scores]);
    }
}
