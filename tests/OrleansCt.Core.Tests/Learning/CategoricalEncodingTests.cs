using OrleansCt.Core.Learning;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Tests.Learning;

public sealed class CategoricalEncodingTests
{
    private const double Tolerance = 1e-12;

    // Log loss, constant 0.1, no L2, no numeric feature: one step on class 1 from zero weights has dloss = -0.5,
    // so the active input's weight and the intercept both become 0.05.
    private static readonly LearnerSpec OneStep = new() { Loss = "log", Schedule = "constant", LearningRate = 0.1, L2 = 0 };

    [Fact]
    public void One_hot_gives_each_listed_category_its_own_input()
    {
        var learner = OnlineLearner.Create(Colour(OneStep));
        Assert.Equal(3, learner.Dimension);

        learner.Learn(1, [], "green");

        Rows.AssertState(learner, [0, 0.05, 0], [0.05], Tolerance);
        Assert.Equal(Rows.Sigmoid(0.1), learner.Predict(2, [], "green")[1], Tolerance);
        Assert.Equal(Rows.Sigmoid(0.05), learner.Predict(2, [], "red")[1], Tolerance);
    }

    [Fact]
    public void Unseen_and_missing_categories_activate_nothing()
    {
        var learner = OnlineLearner.Create(Colour(OneStep));

        learner.Learn(1, [], "violet");
        learner.Learn(1, [], [null]);

        // Only the intercept moved: 0.05 after the first step, then m = 0.05, dloss = -1 / (1 + e^0.05) → b += 0.1 / (1 + e^0.05).
        Rows.AssertState(learner, [0, 0, 0], [0.05 + (0.1 / (1 + Math.Exp(0.05)))], Tolerance);
        Assert.Equal(learner.Predict(2, [], [null]), learner.Predict(2, [], "violet"));
    }

    [Fact]
    public void Category_hash_is_xxhash3_of_name_and_value_in_utf8()
    {
        // python3-xxhash 3.2.0 (libxxhash 0.8.1): xxhash.xxh3_64_intdigest((name + "\x01" + value).encode("utf-8")) % buckets
        Assert.Equal(489056, CategoryHash.Bucket("day", "3", 1 << 20));
        Assert.Equal(772462, CategoryHash.Bucket("city", "Zürich", 1 << 20));
        Assert.Equal(650716, CategoryHash.Bucket("ocean_proximity", "NEAR BAY", 1 << 20));
        Assert.Equal(5, CategoryHash.Bucket("colour", "red", 8));
        Assert.Equal(0, CategoryHash.Bucket("colour", "green", 8));
        Assert.Equal(2, CategoryHash.Bucket("colour", "blue", 8));
        Assert.Equal(2, CategoryHash.Bucket("colour", "violet", 8));
    }

    [Fact]
    public void Hashed_encoding_puts_a_value_in_its_bucket_and_colliding_values_share_it()
    {
        var learner = OnlineLearner.Create(Colour(OneStep with { Encoding = "hashed", HashBuckets = 8 }));
        Assert.Equal(8, learner.Dimension);

        // green → bucket 0 (python xxhash, above).
        learner.Learn(1, [], "green");
        Rows.AssertState(learner, [0.05, 0, 0, 0, 0, 0, 0, 0], [0.05], Tolerance);

        // blue and violet both → bucket 2: an unlisted value is still encoded, and collides as hashing does.
        Assert.Equal(learner.Predict(2, [], "blue"), learner.Predict(2, [], "violet"));
        Assert.Equal(Rows.Sigmoid(0.05), learner.Predict(2, [], [null])[1], Tolerance);
    }

    [Fact]
    public void An_open_domain_is_hashed_and_numeric_inputs_come_first()
    {
        var schema = Rows.Schema(ModelTask.Binary, OneStep, numeric: ["a"], categorical: [("colour", ["red", "green"]), ("city", null)]);
        var learner = OnlineLearner.Create(schema);

        Assert.Equal([CategoricalEncoding.OneHot, CategoricalEncoding.Hashed], learner.Options.Encodings);
        Assert.Equal(1 + 2 + 32, learner.Dimension);

        // Standardised "a" is 0 on the first row; green is input 1 + 1 = 2; Zürich is 1 + 2 + 772462 mod 32.
        learner.Learn(1, [7], "green", "Zürich");
        var expected = new double[35];
        expected[2] = 0.05;
        expected[3 + (772462 % 32)] = 0.05;
        Rows.AssertState(learner, expected, [0.05], Tolerance);
    }

    private static ModelSchema Colour(LearnerSpec spec) =>
        Rows.Schema(ModelTask.Binary, spec, numeric: [], categorical: [("colour", ["red", "green", "blue"])]);
}
