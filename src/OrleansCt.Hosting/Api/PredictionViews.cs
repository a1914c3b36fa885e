using OrleansCt.Abstractions.Ingest;

namespace OrleansCt.Hosting.Api;

/// <summary>Turns an ingest result's columns into the rows the API answers with.</summary>
internal static class PredictionViews
{
    public static PredictResponse From(IngestResult result)
    {
        var (ids, predictions, versions, classes) = (result.Ids!, result.Predictions!, result.Versions!, result.Classes!);
        var rows = new PredictionView[ids.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var scores = predictions.Row(i);
            if (classes.Length == 0)
            {
                rows[i] = new PredictionView { Id = ids[i], Version = versions[i], Value = scores[0] };
                continue;
            }

            var probabilities = new Dictionary<string, double>(classes.Length, StringComparer.Ordinal);
            for (var k = 0; k < classes.Length; k++)
            {
                probabilities[classes[k]] = scores[k];
            }

            rows[i] = new PredictionView
            {
                Id = ids[i], Version = versions[i], Label = classes[predictions.ArgMax(i)], Probabilities = probabilities,
            };
        }

        return new PredictResponse(rows, result.Duplicates);
    }
}
