using System.Globalization;
using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Tests.Learning;

/// <summary>
/// Long streams covering every loss, schedule, encoding and the missing, unseen, infinite and overflowing inputs, for
/// <see cref="LearnerBitPinTests"/>: elec2 (binary), housing (regression, and multiclass with ocean_proximity as the class).
/// Every alteration of the data is a fixed function of the row index, so the streams are the same on every run.
/// </summary>
internal static class LearnerPinCases
{
    private static readonly string[] Oceans = ["<1H OCEAN", "INLAND", "NEAR OCEAN", "NEAR BAY", "ISLAND"];
    private static readonly string[] Days = ["1", "2", "3", "4", "5", "6", "7"];

    private static readonly Lazy<EventBatch> BinaryStream = new(() => Elec2Stream(overflow: false));
    private static readonly Lazy<EventBatch> BinaryOverflowStream = new(() => Elec2Stream(overflow: true));
    private static readonly Lazy<EventBatch> RegressionStream = new(() => HousingStream(multiclass: false, overflow: false));
    private static readonly Lazy<EventBatch> RegressionOverflowStream = new(() => HousingStream(multiclass: false, overflow: true));
    private static readonly Lazy<EventBatch> MulticlassStream = new(() => HousingStream(multiclass: true, overflow: false));
    private static readonly Lazy<EventBatch> MulticlassOverflowStream = new(() => HousingStream(multiclass: true, overflow: true));

    public static IReadOnlyList<PinCase> All { get; } = Build();

    public static PinCase Get(string name) => All.Single(c => c.Name == name);

    private static List<PinCase> Build()
    {
        var cases = new List<PinCase>();
        string[] schedules = ["constant", "invscaling", "optimal", "adagrad"];

        foreach (var loss in new[] { "log", "hinge" })
        {
            foreach (var schedule in schedules)
            {
                cases.Add(Binary($"binary-{loss}-{schedule}", Spec(loss, schedule) with { HashBuckets = 64 }));
                cases.Add(Multiclass($"multiclass-{loss}-{schedule}", Spec(loss, schedule) with { HashBuckets = 32 }));
            }
        }

        foreach (var schedule in schedules)
        {
            cases.Add(Regression($"regression-squared-{schedule}", Spec("squared", schedule)));
        }

        cases.Add(Binary("binary-default-options", new LearnerSpec()));
        cases.Add(Binary("binary-log-optimal-wide-hash", new LearnerSpec { HashBuckets = 4096 }));
        cases.Add(Binary("binary-hinge-adagrad-wide-hash", Spec("hinge", "adagrad") with { HashBuckets = 1024 }));
        cases.Add(Binary("binary-log-constant-no-l2", new LearnerSpec { Loss = "log", Schedule = "constant", LearningRate = 0.05, L2 = 0 }));
        cases.Add(Binary("binary-log-constant-raw", Spec("log", "constant") with { Standardize = false }));
        cases.Add(Binary("binary-hinge-optimal-raw", Spec("hinge", "optimal") with { Standardize = false }));
        cases.Add(Binary("binary-log-invscaling-all-hashed", Spec("log", "invscaling") with { Encoding = "hashed", HashBuckets = 8 }));
        cases.Add(Regression("regression-default-options", new LearnerSpec()));
        cases.Add(Regression("regression-invscaling-raw", Spec("squared", "invscaling") with { Standardize = false }));
        cases.Add(Regression("regression-constant-hashed", Spec("squared", "constant") with { Encoding = "hashed", HashBuckets = 16 }));
        cases.Add(Regression("regression-adagrad-raw", Spec("squared", "adagrad") with { Standardize = false }));
        cases.Add(Multiclass("multiclass-hinge-optimal-wide-hash", Spec("hinge", "optimal") with { HashBuckets = 2048 }));
        cases.Add(Multiclass("multiclass-log-constant-raw", Spec("log", "constant") with { Standardize = false }));

        // Values of 1e300 and +-infinity every few hundred rows (and, for regression, labels of 1e300): "skip-" cases take steps that
        // would overflow and are skipped whole, or targets that would overflow the target's moments; in "huge-" cases the moments overflow.
        cases.Add(new("skip-binary-log-constant-raw", BinaryDefinition(new LearnerSpec { Loss = "log", Schedule = "constant", LearningRate = 1e10, L2 = 0, Standardize = false }), BinaryOverflowStream));
        cases.Add(new("skip-binary-hinge-adagrad-raw", BinaryDefinition(Spec("hinge", "adagrad") with { Standardize = false }), BinaryOverflowStream));
        cases.Add(new("huge-binary-log-optimal", BinaryDefinition(new LearnerSpec()), BinaryOverflowStream));
        cases.Add(new("skip-regression-constant-raw", RegressionDefinition(new LearnerSpec { Schedule = "constant", LearningRate = 1.0, L2 = 0.001, Standardize = false }), RegressionOverflowStream));
        cases.Add(new("skip-regression-invscaling", RegressionDefinition(new LearnerSpec()), RegressionOverflowStream));
        cases.Add(new("skip-multiclass-log-constant-raw", MulticlassDefinition(new LearnerSpec { Loss = "log", Schedule = "constant", LearningRate = 1.0, L2 = 0, Standardize = false }), MulticlassOverflowStream));
        cases.Add(new("skip-multiclass-hinge-adagrad-raw", MulticlassDefinition(Spec("hinge", "adagrad") with { Standardize = false }), MulticlassOverflowStream));
        cases.Add(new("huge-multiclass-log-optimal", MulticlassDefinition(new LearnerSpec()), MulticlassOverflowStream));
        return cases;
    }

    /// <summary>Rates chosen so that no schedule diverges on these streams.</summary>
    private static LearnerSpec Spec(string loss, string schedule) => schedule switch
    {
        "constant" => new LearnerSpec { Loss = loss, Schedule = schedule, LearningRate = 0.01, L2 = 1e-3 },
        "invscaling" => new LearnerSpec { Loss = loss, Schedule = schedule, LearningRate = 0.1, PowerT = 0.5, L2 = 1e-4 },
        "optimal" => new LearnerSpec { Loss = loss, Schedule = schedule, L2 = 1e-4 },
        _ => new LearnerSpec { Loss = loss, Schedule = schedule, LearningRate = 0.2, L2 = 1e-5 },
    };

    private static PinCase Binary(string name, LearnerSpec spec) => new(name, BinaryDefinition(spec), BinaryStream);

    private static PinCase Regression(string name, LearnerSpec spec) => new(name, RegressionDefinition(spec), RegressionStream);

    private static PinCase Multiclass(string name, LearnerSpec spec) => new(name, MulticlassDefinition(spec), MulticlassStream);

    /// <summary>elec2's seven numeric features, day one-hot (unless the spec says hashed) and the period hashed.</summary>
    private static ModelDefinition BinaryDefinition(LearnerSpec spec) => new()
    {
        Task = ModelTask.Binary,
        Target = "class",
        Classes = ["DOWN", "UP"],
        Features =
        [
            .. Elec2.NumericNames.Select(Numeric),
            new FeatureSpec { Name = "day", Type = FeatureType.Categorical, Categories = Days },
            new FeatureSpec { Name = "slot", Type = FeatureType.Categorical },
        ],
        Learner = spec,
    };

    private static ModelDefinition RegressionDefinition(LearnerSpec spec) => new()
    {
        Task = ModelTask.Regression,
        Target = "median_house_value",
        Features =
        [
            .. Housing.NumericNames.Select(Numeric),
            new FeatureSpec { Name = "ocean_proximity", Type = FeatureType.Categorical, Categories = Oceans },
        ],
        Learner = spec,
    };

    private static ModelDefinition MulticlassDefinition(LearnerSpec spec) => new()
    {
        Task = ModelTask.Multiclass,
        Target = "ocean_proximity",
        Classes = Oceans,
        Features =
        [
            .. Housing.NumericNames.Select(Numeric),
            new FeatureSpec { Name = "age", Type = FeatureType.Categorical },
        ],
        Learner = spec,
    };

    private static FeatureSpec Numeric(string name) => new() { Name = name, Type = FeatureType.Numeric };

    private static EventBatch Elec2Stream(bool overflow)
    {
        var source = Elec2.Batch;
        var rows = source.Count;
        var numeric = source.Numeric.Select(c => (double[])c.Clone()).ToArray();
        var day = new string?[rows];
        var slot = new string?[rows];
        var period = numeric[Array.IndexOf(Elec2.NumericNames, "period")];
        for (var r = 0; r < rows; r++)
        {
            day[r] = r % 89 == 0 ? "8" : r % 53 == 0 ? null : source.Categorical[0][r];
            slot[r] = r % 61 == 0 ? null : "p" + Math.Round(period[r] * 47).ToString(CultureInfo.InvariantCulture);
        }

        Alter(numeric, overflow);
        return new EventBatch
        {
            Ids = source.Ids,
            Times = source.Times,
            Numeric = numeric,
            Categorical = [day, slot],
            Labels = AlterLabels(source.Labels!),
        };
    }

    private static EventBatch HousingStream(bool multiclass, bool overflow)
    {
        var source = Housing.Batch;
        var rows = source.Count;
        var numeric = source.Numeric.Select(c => (double[])c.Clone()).ToArray();
        Alter(numeric, overflow);
        if (!multiclass)
        {
            var values = AlterLabels(source.Labels!);
            for (var r = overflow ? 0 : rows; r < rows; r += 401)
            {
                values[r] *= 1e300;
            }

            return source with { Numeric = numeric, Labels = values };
        }

        var ocean = source.Categorical[0];
        var ageColumn = numeric[Array.IndexOf(Housing.NumericNames, "housing_median_age")];
        var age = new string?[rows];
        var labels = new double[rows];
        for (var r = 0; r < rows; r++)
        {
            age[r] = r % 67 == 0 || !double.IsFinite(ageColumn[r]) ? null : "a" + Math.Round(ageColumn[r]).ToString(CultureInfo.InvariantCulture);
            labels[r] = Array.IndexOf(Oceans, ocean[r]);
        }

        return source with { Numeric = numeric, Categorical = [age], Labels = AlterLabels(labels) };
    }

    /// <summary>Missing values in every column; with overflow, also 1e300-scale values and infinities.</summary>
    private static void Alter(double[][] numeric, bool overflow)
    {
        for (var j = 0; j < numeric.Length; j++)
        {
            var column = numeric[j];
            for (var r = 0; r < column.Length; r++)
            {
                if ((r + (7 * j)) % 37 == 0)
                {
                    column[r] = double.NaN;
                }
                else if (overflow && (r + (13 * j)) % 401 == 0)
                {
                    column[r] *= 1e300;
                }
                else if (overflow && (r + j) % 997 == 0)
                {
                    column[r] = r % 2 == 0 ? double.PositiveInfinity : double.NegativeInfinity;
                }
            }
        }
    }

    /// <summary>Some labels missing (NaN, skipped by PredictThenLearn) and some infinite (ignored by Learn).</summary>
    private static double[] AlterLabels(double[] labels)
    {
        var altered = (double[])labels.Clone();
        for (var r = 0; r < altered.Length; r++)
        {
            if (r % 101 == 0)
            {
                altered[r] = double.NaN;
            }
            else if (r % 211 == 0)
            {
                altered[r] = double.PositiveInfinity;
            }
        }

        return altered;
    }
}
