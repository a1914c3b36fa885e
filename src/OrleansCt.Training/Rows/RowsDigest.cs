namespace OrleansCt.Training.Rows;

/// <summary>The canonical bytes of <see cref="TrainingRows"/> and their SHA-256 (see <see cref="TrainingRows.Digest"/>).</summary>
internal static class RowsDigest
{
    private const string Header = "orleansct-training-rows/1";

    public static string Of(TrainingRows rows)
    {
        using var writer = new DigestWriter();
        writer.Text(Header);
        writer.Text(rows.Schema.Task.ToString());
        writer.Int32(rows.Schema.Numeric.Count);
        foreach (var feature in rows.Schema.Numeric)
        {
            writer.Text(feature.Name);
        }

        writer.Int32(rows.Schema.Categorical.Count);
        foreach (var feature in rows.Schema.Categorical)
        {
            writer.Text(feature.Name);
        }

        writer.Int32(rows.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            writer.Text(rows.Ids[r]);
            foreach (var column in rows.NumericColumns)
            {
                writer.Single((float)column[r]);
            }

            foreach (var column in rows.CategoricalColumns)
            {
                writer.Text(column[r]);
            }

            writer.Single((float)rows.LabelValues[r]);
        }

        return writer.Finish();
    }
}
