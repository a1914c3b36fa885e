using System.Text.Json;
using OrleansCt.Core.Evidence;
using OrleansCt.Testing;

namespace OrleansCt.Core.Tests.Evidence;

/// <summary>
/// The label-free accuracy estimate: isotonic calibration against scikit-learn 1.2.1 on the same scores and labels, the expected
/// confusion counts worked by hand, and on simulated events whose labels follow the calibrated probabilities the estimate within
/// binomial noise of the accuracy the labels then give.
/// </summary>
public sealed class ConfidenceBasedEstimateTests
{
    [Fact]
    public void Isotonic_calibration_matches_scikit_learn()
    {
        var reference = JsonDocument.Parse(File.ReadAllText(RepoFiles.PathOf("tests/reference/vectors/isotonic_sklearn.json"))).RootElement;
        foreach (var c in reference.GetProperty("cases").EnumerateArray())
        {
            double[] Read(string name) => [.. c.GetProperty(name).EnumerateArray().Select(v => v.GetDouble())];
            var calibration = IsotonicCalibration.Fit(Read("scores"), Read("labels"));
            var (queries, expected) = (Read("queries"), Read("predictions"));
            for (var q = 0; q < queries.Length; q++)
            {
                Assert.True(Math.Abs(expected[q] - calibration.Calibrate(queries[q])) <= 1e-12,
                    $"seed {c.GetProperty("seed")}: at {queries[q]} sklearn {expected[q]}, ours {calibration.Calibrate(queries[q])}");
            }
        }
    }

    [Fact]
    public void Pool_adjacent_violators_by_hand()
    {
        // Scores 0.1, 0.2, 0.3, 0.4 with labels 0, 1, 0, 1: 1 then 0 violate and pool to 0.5 at 0.2 and 0.3.
        var calibration = IsotonicCalibration.Fit([0.1, 0.2, 0.3, 0.4], [0, 1, 0, 1]);

        Assert.Equal([(0.1, 0.0), (0.2, 0.5), (0.3, 0.5), (0.4, 1.0)], calibration.Points);
        Assert.Equal(0.25, calibration.Calibrate(0.15), 1e-15);
        Assert.Equal((0.0, 1.0), (calibration.Calibrate(-3), calibration.Calibrate(9)));
    }

    [Fact]
    public void Expected_confusion_by_hand()
    {
        // The identity calibration (scores 0 and 1 with labels 0 and 1). Events: p = 0.9 predicted positive (TP 0.9, FP 0.1),
        // p = 0.3 predicted negative (TN 0.7, FN 0.3), p = 0.6 predicted positive (TP 0.6, FP 0.4): accuracy (1.5 + 0.7) / 3.
        var identity = IsotonicCalibration.Fit([0, 1], [0, 1]);

        var estimate = ConfidenceBasedEstimate.Estimate(identity, [0.9, 0.3, 0.6], [true, false, true]);

        Assert.Equal(1.5, estimate.TruePositives, 1e-12);
        Assert.Equal(0.5, estimate.FalsePositives, 1e-12);
        Assert.Equal((0.7, 0.3), (Math.Round(estimate.TrueNegatives, 12), Math.Round(estimate.FalseNegatives, 12)));
        Assert.Equal(2.2 / 3, estimate.Accuracy, 1e-12);
    }

    [Fact]
    public void The_estimate_is_within_binomial_noise_of_the_accuracy_the_labels_give()
    {
        // A miscalibrated model: its score s means a true probability of s^1.5. The reference (10,000 events with labels) calibrates
        // it; on 20,000 new events from a shifted score distribution, labels drawn from the same s^1.5, the estimate (without the
        // labels) must be within 4 standard errors of the accuracy they give.
        var random = new Random(3);
        double Score(double skew) => Math.Pow(random.NextDouble(), skew);
        var referenceScores = Enumerable.Range(0, 10_000).Select(_ => Score(1)).ToArray();
        var referenceLabels = referenceScores.Select(s => random.NextDouble() < Math.Pow(s, 1.5) ? 1.0 : 0.0).ToArray();
        var calibration = IsotonicCalibration.Fit(referenceScores, referenceLabels);

        var scores = Enumerable.Range(0, 20_000).Select(_ => Score(0.5)).ToArray();
        var predicted = scores.Select(s => s >= 0.5).ToArray();
        var correct = scores.Zip(predicted).Count(p => (random.NextDouble() < Math.Pow(p.First, 1.5)) == p.Second);
        var estimate = ConfidenceBasedEstimate.Estimate(calibration, scores, predicted);

        var accuracy = (double)correct / scores.Length;
        var se = Math.Sqrt(accuracy * (1 - accuracy) / scores.Length);
        Assert.True(Math.Abs(estimate.Accuracy - accuracy) <= 4 * se, $"estimated {estimate.Accuracy:F4}, the labels give {accuracy:F4} (se {se:F4})");

        // Uncalibrated, reading the scores as probabilities, it would be far off: the calibration is what makes it right.
        var naive = ConfidenceBasedEstimate.Estimate(IsotonicCalibration.Fit([0, 1], [0, 1]), scores, predicted);
        Assert.True(Math.Abs(naive.Accuracy - accuracy) > 6 * se, $"uncalibrated {naive.Accuracy:F4} against {accuracy:F4}");
    }

    [Fact]
    public void Multiclass_by_hand()
    {
        // Identity calibrations: (0.5, 0.3, 0.2) predicted class 0 is right with 0.5; (0.1, 0.1, 0.8) predicted 2 with 0.8.
        var identity = Enumerable.Range(0, 3).Select(_ => IsotonicCalibration.Fit([0, 1], [0, 1])).ToArray();

        var accuracy = ConfidenceBasedEstimate.MulticlassAccuracy(identity, [[0.5, 0.3, 0.2], [0.1, 0.1, 0.8]], [0, 2]);

        Assert.Equal(0.65, accuracy, 1e-12);
    }

    [Fact]
    public void Multiclass_estimate_is_within_binomial_noise_of_the_accuracy_the_labels_give()
    {
        // Three classes; the true probabilities are softmax(z), the model reports the overconfident softmax(2z). One-vs-rest
        // calibrations on a reference of 20,000 labelled events; 20,000 new events from a shifted z, labels from softmax(z).
        var random = new Random(11);
        double[] Softmax(double[] z, double scale)
        {
            var e = z.Select(v => Math.Exp(scale * v)).ToArray();
            return [.. e.Select(v => v / e.Sum())];
        }

        int Draw(double[] q)
        {
            var u = random.NextDouble();
            for (var k = 0; k < q.Length - 1; k++)
            {
                if ((u -= q[k]) < 0)
                {
                    return k;
                }
            }

            return q.Length - 1;
        }

        (double[][] Reported, int[] Labels) Events(int n, double shift)
        {
            var reported = new double[n][];
            var labels = new int[n];
            for (var i = 0; i < n; i++)
            {
                double[] z = [random.NextDouble() * 2, (random.NextDouble() * 2) + shift, random.NextDouble()];
                reported[i] = Softmax(z, 2);
                labels[i] = Draw(Softmax(z, 1));
            }

            return (reported, labels);
        }

        var (referenceReported, referenceLabels) = Events(20_000, 0);
        var calibrations = Enumerable.Range(0, 3)
            .Select(k => IsotonicCalibration.Fit([.. referenceReported.Select(p => p[k])], [.. referenceLabels.Select(l => l == k ? 1.0 : 0.0)]))
            .ToArray();
        var (reported, labels) = Events(20_000, 0.5);
        var predicted = reported.Select(p => Array.IndexOf(p, p.Max())).ToArray();
        var accuracy = (double)predicted.Zip(labels).Count(p => p.First == p.Second) / labels.Length;

        var estimate = ConfidenceBasedEstimate.MulticlassAccuracy(calibrations, reported, predicted);
        var naive = ConfidenceBasedEstimate.MulticlassAccuracy([.. Enumerable.Range(0, 3).Select(_ => IsotonicCalibration.Fit([0, 1], [0, 1]))], reported, predicted);

        var se = Math.Sqrt(accuracy * (1 - accuracy) / labels.Length);
        Assert.True(Math.Abs(estimate - accuracy) <= 4 * se, $"estimated {estimate:F4}, the labels give {accuracy:F4} (se {se:F4})");
        Assert.True(Math.Abs(naive - accuracy) > 6 * se, $"uncalibrated {naive:F4} against {accuracy:F4}");
    }
}
