using OrleansCt.Core.Events;
using OrleansCt.Core.Schema;

namespace OrleansCt.Training.Tests.Support;

/// <summary>
/// A binary set made for the online learner's three encodings: a numeric feature far from 0 (so standardising shifts it), a
/// one-hot categorical (the device, its categories listed) and a hashed one (the city: 12 cities in 8 buckets, so some share one).
/// The purchase follows a logistic model of all three.
/// </summary>
internal static class Visits
{
    private static readonly string[] Devices = ["phone", "tablet", "desktop"];
    private static readonly double[] DeviceEffects = [-0.6, 0.2, 0.9];

    public static ModelSchema Schema(string positiveClass = "yes") => new(new ModelDefinition
    {
        Task = ModelTask.Binary,
        Target = "bought",
        Classes = ["no", "yes"],
        PositiveClass = positiveClass,
        Features =
        [
            new FeatureSpec { Name = "minutes", Type = FeatureType.Numeric },
            new FeatureSpec { Name = "device", Type = FeatureType.Categorical, Categories = Devices },
            new FeatureSpec { Name = "city", Type = FeatureType.Categorical },
        ],
        // A small constant rate, so that the learner settles near the optimum (the default schedule's late steps still wander).
        Learner = new LearnerSpec { HashBuckets = 8, Schedule = "constant", LearningRate = 0.005 },
    });

    /// <summary><paramref name="count"/> rows drawn with <paramref name="seed"/>; every value present.</summary>
    public static EventBatch Batch(int count, int seed)
    {
        var random = new Random(seed);
        var minutes = new double[count];
        var devices = new string?[count];
        var cities = new string?[count];
        var labels = new double[count];
        for (var i = 0; i < count; i++)
        {
            minutes[i] = 30 + (12 * (random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5));
            var device = random.Next(Devices.Length);
            var city = random.Next(12);
            (devices[i], cities[i]) = (Devices[device], $"city-{city}");
            var margin = (0.15 * (minutes[i] - 30)) + DeviceEffects[device] + ((city - 5.5) / 4);
            labels[i] = random.NextDouble() < 1 / (1 + Math.Exp(-margin)) ? 1 : 0;
        }

        return new EventBatch
        {
            Ids = [.. Enumerable.Range(0, count).Select(i => $"v{seed}-{i}")],
            Times = [.. Enumerable.Range(0, count).Select(i => (double)i)],
            Numeric = [minutes],
            Categorical = [devices, cities],
            Labels = labels,
        };
    }
}
