using OrleansCt.Core.Events;
using OrleansCt.Training.Rows;
using OrleansCt.Training.Tests.Support;

namespace OrleansCt.Training.Tests;

/// <summary>Training rows: labelled rows only, a digest of the rows whatever their batching, the newest rows held out.</summary>
public sealed class TrainingRowsTests
{
    [Fact]
    public void The_digest_of_rows_in_one_batch_equals_their_digest_in_seven()
    {
        var whole = Datasets.Elec2Batch(0, 1_000);
        int[] cuts = [0, 1, 150, 151, 400, 777, 999, 1_000];
        var pieces = cuts.Zip(cuts.Skip(1)).Select(c => Datasets.Slice(whole, c.First, c.Second - c.First)).ToArray();

        var one = TrainingRows.From(Datasets.Elec2Schema, whole);
        var seven = TrainingRows.From(Datasets.Elec2Schema, pieces);

        Assert.Equal(7, pieces.Length);
        Assert.Equal(1_000, seven.Count);
        Assert.Equal(one.Digest, seven.Digest);
        Assert.Matches("^[0-9a-f]{64}$", one.Digest);
    }

    [Fact]
    public void One_changed_value_id_category_or_label_changes_the_digest()
    {
        var batch = Datasets.Elec2Batch(0, 500);
        var digest = TrainingRows.From(Datasets.Elec2Schema, batch).Digest;
        EventBatch Changed(Action<EventBatch> change)
        {
            var copy = Datasets.Slice(batch, 0, batch.Count);
            change(copy);
            return copy;
        }

        Assert.NotEqual(digest, TrainingRows.From(Datasets.Elec2Schema, Changed(b => b.Numeric[3][250] += 1e-3)).Digest);
        Assert.NotEqual(digest, TrainingRows.From(Datasets.Elec2Schema, Changed(b => b.Ids[10] = "x")).Digest);
        Assert.NotEqual(digest, TrainingRows.From(Datasets.Elec2Schema, Changed(b => b.Categorical[0][499] = null)).Digest);
        Assert.NotEqual(digest, TrainingRows.From(Datasets.Elec2Schema, Changed(b => b.Labels![0] = 1 - b.Labels[0])).Digest);
        // Event times do not reach the model, so they are not part of the digest.
        Assert.Equal(digest, TrainingRows.From(Datasets.Elec2Schema, Changed(b => b.Times[5] = -1)).Digest);
    }

    [Fact]
    public void Rows_without_a_label_are_skipped_and_leave_the_digest_as_without_them()
    {
        var labelled = Datasets.Elec2Batch(0, 100);
        var unlabelled = Datasets.Elec2Batch(100, 50) with { Labels = null };
        var partly = Datasets.Elec2Batch(150, 10);
        partly.Labels![3] = double.NaN;

        var rows = TrainingRows.From(Datasets.Elec2Schema, labelled, unlabelled, partly);

        Assert.Equal(109, rows.Count);
        Assert.DoesNotContain("153", rows.Ids);
        var expected = Datasets.Elec2Batch(150, 10);
        Assert.Equal(
            TrainingRows.From(Datasets.Elec2Schema, labelled, Datasets.Slice(expected, 0, 3), Datasets.Slice(expected, 4, 6)).Digest,
            rows.Digest);
    }

    [Fact]
    public void SplitNewest_holds_out_the_last_rows_in_order()
    {
        var rows = Datasets.Elec2Rows(0, 1_000);

        var (train, holdout) = rows.SplitNewest(200);

        Assert.Equal(800, train.Count);
        Assert.Equal(Enumerable.Range(800, 200).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), holdout.Ids);
        Assert.Equal(rows.Labels.Skip(800), holdout.Labels);
        Assert.Equal(rows.Numeric[2].Skip(800), holdout.Numeric[2]);
    }

    [Fact]
    public void A_class_index_outside_the_classes_is_refused_naming_the_batch_and_row()
    {
        var batch = Datasets.Elec2Batch(0, 10);
        batch.Labels![4] = 2;

        var error = Assert.Throws<ArgumentException>(() => TrainingRows.From(Datasets.Elec2Schema, batch));

        Assert.Equal("batches[0] row 4 has label 2, which is not a class index in [0, 2).", error.Message);
    }
}
