using System.Text;
using OrleansCt.Core.Drift.Multivariate;
using OrleansCt.Core.Events;
using OrleansCt.Core.Monitoring;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Tests.Monitoring;

/// <summary>
/// ModelMonitor.ObserveEvents feeds a batch a run of same-bucket rows at a time, column by column with the sketches' bulk adds; the
/// row-by-row feed it replaced (ObserveEventsRowByRow) is the reference. Both must leave the same checkpoint, byte for byte, on awkward
/// streams: buckets straddled within a batch, late events, the reference completed in the middle of a batch and of a run, NaN,
/// infinities, −0, ties, out-of-range values, missing and unseen categories, count buckets, regression, more than 32 numeric features.
/// </summary>
public sealed class ColumnFeedTests
{
    public static TheoryData<string> Scenarios => ["numeric", "mixed", "counted", "regression", "multiclass", "wide", "single"];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void The_column_feed_leaves_the_checkpoint_of_the_row_by_row_feed(string scenario)
    {
        var schema = Schema(scenario);
        var random = new Random(scenario.Sum(c => c));
        var columns = new ModelMonitor(schema);
        var rows = new ModelMonitor(schema);
        var time = 1_000.0;
        var sizes = new[] { 1, 7, 250, 3, 64, 1_000, 2, 333, 41, 500, 17, 120, 999, 5, 77, 260, 1, 400, 31, 640 };
        var referenceSetInBatch = false;
        for (var b = 0; b < sizes.Length; b++)
        {
            var sequence = b + 1L;
            // No infinities while the reference is gathered: an infinite value there makes the automatic reference's bins throw (either feed).
            var (batch, predictions) = Batch(schema, random, sizes[b], ref time, infinities: columns.Reference is null);
            var gathering = columns.Reference is not null;
            // Every other batch carries its labels (backfill); the others' labels arrive later, below.
            // Rows scored NaN (regression) are never learned from, so never labelled.
            var carried = b % 2 == 0
                ? batch with { Labels = batch.Labels!.Select((label, r) => double.IsNaN(predictions.Row(r)[0]) ? double.NaN : label).ToArray() }
                : batch with { Labels = null };
            columns.ObserveEvents(carried, predictions, sequence);
            rows.ObserveEventsRowByRow(carried, predictions, sequence);
            referenceSetInBatch |= gathering && columns.Reference is null;
            if (carried.Labels is null)
            {
                Label(random, batch, predictions, sequence, columns, rows);
            }

            AssertSame(columns, rows, $"{scenario}, after batch {b} ({sizes[b]} events)");

            if (b == sizes.Length / 2)
            {
                // A checkpoint and a restart in the middle: both go on from their restored state.
                columns = ModelMonitor.FromState(schema, MonitorStateJson.Read(MonitorStateJson.Write(columns.ToState()), schema));
                rows = ModelMonitor.FromState(schema, MonitorStateJson.Read(MonitorStateJson.Write(rows.ToState()), schema));
            }
        }

        Assert.True(referenceSetInBatch, "the stream should complete the reference inside a batch");
        Assert.NotNull(columns.Binning);
        Assert.True(columns.Buckets.LateEvents > 0 || schema.Definition.Monitoring.BucketSeconds is null, "the stream should hold late events");
    }

    [Fact]
    public void A_batch_that_straddles_buckets_and_completes_the_reference_mid_run_is_fed_as_row_by_row()
    {
        // Reference of 137 events completed at row 136 of a 300-row batch whose rows go to buckets 0, 1, 0 (late), 2.
        var schema = Schema("numeric");
        var columns = new ModelMonitor(schema);
        var rows = new ModelMonitor(schema);
        var random = new Random(5);
        var time = 0.0;
        var (batch, predictions) = Batch(schema, random, 300, ref time, infinities: false);
        var times = batch.Times;
        for (var r = 0; r < times.Length; r++)
        {
            times[r] = r < 100 ? 1 + (r * 0.05) : r < 200 ? 11 + (r * 0.01) : r < 210 ? 3 : 21 + (r * 0.001);
        }

        columns.ObserveEvents(batch, predictions, 1);
        rows.ObserveEventsRowByRow(batch, predictions, 1);

        AssertSame(columns, rows, "straddling batch");
        Assert.Null(columns.Reference);

        // Setting the reference at row 136 gave every open bucket new histograms: bucket 1 counts its rows from 137 on, bucket 0 only
        // the ten that came back to it after, bucket 2 (opened later) all of its own.
        var buckets = columns.Buckets.Closed.Concat(columns.Buckets.Open).ToDictionary(b => b.Index);
        Assert.Equal([0L, 1L, 2L], buckets.Keys.Order());
        Assert.Equal((110L, 100L, 90L), (buckets[0].Events, buckets[1].Events, buckets[2].Events));
        Assert.Equal((10L, 63L, 90L), (buckets[0].State.Histograms![0].Total, buckets[1].State.Histograms![0].Total, buckets[2].State.Histograms![0].Total));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(10)]
    [InlineData(13)]
    [InlineData(32)]
    public void CoMoments_add_is_bit_for_bit_the_scalar_welford_step(int dimensions)
    {
        var random = new Random(dimensions);
        var moments = new CoMoments(dimensions);
        var columns = new CoMoments(dimensions);
        var scalar = new ScalarCoMoments(dimensions);
        var data = Enumerable.Range(0, dimensions).Select(_ => new double[600]).ToArray();
        for (var r = 0; r < 600; r++)
        {
            for (var f = 0; f < dimensions; f++)
            {
                data[f][r] = Value(random, r, f);
            }
        }

        for (var r = 0; r < 600; r++)
        {
            var row = data.Select(c => c[r]).ToArray();
            moments.Add(row);
            columns.Add(data, r);
            scalar.Add(row);
        }

        foreach (var state in new[] { moments.ToState(), columns.ToState() })
        {
            Assert.Equal((scalar.Count, scalar.Skipped), (state.Count, state.Skipped));
            Assert.Equal(Bits(scalar.Mean), Bits(state.Mean));
            Assert.Equal(Bits(scalar.C), Bits(state.CoMoments));
        }

        Assert.True(scalar.Skipped > 0 && scalar.Count > 300);

        static double Value(Random random, int r, int f) => random.Next(200) switch
        {
            0 => double.NaN,
            1 => r % 2 == 0 ? double.PositiveInfinity : double.NegativeInfinity,
            2 => -0.0,
            3 => 1e150 * (random.NextDouble() - 0.5),
            < 40 => Math.Round(random.NextDouble() * 4),
            _ => (random.NextDouble() * 10 * (f + 1)) - (3 * f),
        };
    }

    private static ModelSchema Schema(string scenario)
    {
        var numeric = scenario switch
        {
            "wide" => 35,
            "single" => 1,
            "mixed" => 3,
            "regression" => 4,
            _ => 10,
        };
        var features = Enumerable.Range(0, numeric).Select(f => new FeatureSpec
        {
            Name = $"x{f}",
            Type = FeatureType.Numeric,
            Min = f % 3 == 0 ? -1.5 : f % 3 == 1 ? null : 0,
            Max = f % 3 == 0 ? 2.5 : f % 3 == 1 ? 3 : null,
        }).ToList();
        if (scenario is "mixed" or "regression" or "counted")
        {
            features.Add(new FeatureSpec { Name = "known", Type = FeatureType.Categorical, Categories = ["a", "b", "c"] });
            features.Add(new FeatureSpec { Name = "open", Type = FeatureType.Categorical });
        }

        var monitoring = new MonitoringSpec
        {
            BucketSeconds = scenario == "counted" ? null : 10,
            BucketEvents = 700,
            AllowedLatenessSeconds = 2,
            Ring = 3,
            ReferenceEvents = 137,
            CategoryCap = 4,
        };
        return new ModelSchema(new ModelDefinition
        {
            Task = scenario switch
            {
                "regression" => ModelTask.Regression,
                "multiclass" => ModelTask.Multiclass,
                _ => ModelTask.Binary,
            },
            Target = "y",
            Classes = scenario switch
            {
                "regression" => [],
                "multiclass" => ["red", "green", "blue"],
                _ => ["no", "yes"],
            },
            Features = features,
            Monitoring = monitoring,
        });
    }

    /// <summary>A batch about 4 s of event time long (so a 10-s bucket is straddled often), with a few events 15–25 s late.</summary>
    private static (EventBatch Batch, Predictions Predictions) Batch(ModelSchema schema, Random random, int count, ref double time, bool infinities)
    {
        var times = new double[count];
        for (var r = 0; r < count; r++)
        {
            time += 4.0 / Math.Max(count, 8) * random.NextDouble() * 2;
            times[r] = random.Next(40) == 0 ? time - 15 - (10 * random.NextDouble()) : time;
        }

        var numeric = schema.Numeric.Select((_, f) => Enumerable.Range(0, count).Select(_ => Numeric(random, f, infinities)).ToArray()).ToArray();
        string[] pool = ["a", "b", "c", "d", "e", "f"];
        var categorical = schema.Categorical.Select(_ => Enumerable.Range(0, count)
            .Select(_ => random.Next(10) switch
            {
                0 => null,
                1 => $"new-{random.Next(20)}",
                var i => pool[i % pool.Length],
            })
            .ToArray()).ToArray();
        var width = schema.PredictionWidth;
        var scores = new double[count * width];
        for (var r = 0; r < count; r++)
        {
            if (!schema.IsClassification)
            {
                scores[r] = random.Next(50) == 0 ? double.NaN : (random.NextDouble() * 20) - 5;
            }
            else if (random.Next(15) == 0)
            {
                // A tie: the served class is the lowest index.
                scores.AsSpan(r * width, width).Fill(1.0 / width);
            }
            else
            {
                var raw = Enumerable.Range(0, width).Select(_ => random.NextDouble() + 0.01).ToArray();
                for (var k = 0; k < width; k++)
                {
                    scores[(r * width) + k] = raw[k] / raw.Sum();
                }
            }
        }

        var labels = Enumerable.Range(0, count)
            .Select(_ => schema.IsClassification ? random.Next(schema.Definition.Classes.Count) : (random.NextDouble() * 10) - 2)
            .ToArray();
        var last = time;
        var batch = new EventBatch
        {
            Ids = Enumerable.Range(0, count).Select(r => $"e{last:F3}-{r}").ToArray(),
            Times = times,
            Numeric = numeric,
            Categorical = categorical,
            Labels = labels,
        };
        return (batch, new Predictions(width, scores));

        static double Numeric(Random random, int f, bool infinities) => random.Next(300) switch
        {
            < 6 => double.NaN,
            6 when infinities => double.PositiveInfinity,
            7 when infinities => double.NegativeInfinity,
            8 or 9 => -0.0,
            < 60 => Math.Round(random.NextDouble() * 3) - 1,
            _ => ((random.NextDouble() - 0.4) * 5) + (f % 4),
        };
    }

    /// <summary>Joins labels to about two rows in three (not to rows scored NaN), on both monitors alike.</summary>
    private static void Label(Random random, EventBatch batch, Predictions predictions, long sequence, params ModelMonitor[] monitors)
    {
        for (var r = 0; r < batch.Count; r++)
        {
            // Rows scored NaN (regression) are never learned from, so never labelled here.
            if (random.Next(3) == 0 || double.IsNaN(predictions.Row(r)[0]))
            {
                continue;
            }

            var delay = random.NextDouble() * 30;
            foreach (var monitor in monitors)
            {
                monitor.ObserveLabel(batch, r, predictions.Row(r), batch.Labels![r], delay, sequence);
            }
        }
    }

    private static void AssertSame(ModelMonitor columns, ModelMonitor rows, string where)
    {
        var expected = MonitorStateJson.Write(rows.ToState());
        var actual = MonitorStateJson.Write(columns.ToState());
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            var at = expected.AsSpan().CommonPrefixLength(actual);
            var from = Math.Max(0, at - 200);
            Assert.Fail($"{where}: the checkpoints differ at byte {at} of {expected.Length}:\nrow by row: …{Encoding.UTF8.GetString(expected, from, Math.Min(400, expected.Length - from))}\ncolumns:    …{Encoding.UTF8.GetString(actual, from, Math.Min(400, actual.Length - from))}");
        }
    }

    private static long[] Bits(IEnumerable<double> values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();

    /// <summary>The co-moments' Welford step one value at a time, as CoMoments.Add computed it before it was vectorized.</summary>
    private sealed class ScalarCoMoments(int d)
    {
        public long Count { get; private set; }

        public long Skipped { get; private set; }

        public double[] Mean { get; } = Enumerable.Repeat(double.NaN, d).ToArray();

        public double[] C { get; } = new double[d * (d + 1) / 2];

        public void Add(double[] row)
        {
            if (row.Any(x => !double.IsFinite(x)))
            {
                Skipped++;
                return;
            }

            Count++;
            if (Count == 1)
            {
                row.CopyTo(Mean, 0);
                return;
            }

            var n = (double)Count;
            var delta = new double[d];
            for (var i = 0; i < d; i++)
            {
                delta[i] = row[i] - Mean[i];
                Mean[i] += delta[i] / n;
            }

            var scale = (n - 1) / n;
            var p = 0;
            for (var i = 0; i < d; i++)
            {
                var a = delta[i] * scale;
                for (var j = i; j < d; j++)
                {
                    C[p++] += a * delta[j];
                }
            }
        }
    }
}
