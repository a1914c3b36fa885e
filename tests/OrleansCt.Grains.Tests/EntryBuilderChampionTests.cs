using OrleansCt.Abstractions.Models;
using OrleansCt.Core.Events;
using OrleansCt.Core.Learning;
using OrleansCt.Core.Schema;
using OrleansCt.Grains.Log;
using OrleansCt.Grains.Model;
using OrleansCt.Training.Rows;
using OrleansCt.Training.Trainers;

namespace OrleansCt.Grains.Tests;

/// <summary>
/// A prequential submission under an ML.NET champion: the champion answers (its scores, its version, promotion sequence and SHA),
/// the online learner's own test-then-train predictions are logged beside them, and the learner copy has learned the labels.
/// The model is a LightGBM trained here on rows of TestLog's schema (x numeric, c categorical, binary no/yes).
/// </summary>
public sealed class EntryBuilderChampionTests
{
    private static readonly ModelSchema Schema = new(TestLog.Definition);
    private static readonly Lazy<TrainedModel> Trained = new(() =>
        ModelTrainer.Train(TrainingRows.From(Schema, Rows(0, 400, seed: 1)), new TrainerSpec(TrainerKind.LightGbm, Seed: 3)));

    private readonly EntryBuilder _builder = new(TestLog.Model, TestLog.Snapshots);

    [Fact]
    public void The_champion_answers_with_its_own_scores_and_version_and_the_learner_predicts_beside_it_and_learns()
    {
        var (applier, head) = HeadAfterLearning();
        var headBefore = head.ExportState();
        var trained = Trained.Value;
        var champion = new Champion("2", trained.Artifact.Sha256, 17, 4);
        // 60 rows, every fifth without a label (a labelled batch may hold unlabelled rows).
        var batch = Rows(1_000, 60, seed: 2, unlabelledEvery: 5);
        var sub = new EventsSubmission(1, batch, new Predictions(2, new double[120]), "ignored", 0, "ignored", 5_000, Prequential: true);

        var (entry, prelearned) = _builder.Build(sub, null, head, applier.Revision, Schema, lastSequence: 20, new PrequentialScorer(champion, trained.Model));

        // What answered: the ML.NET model's scores of the batch, bit for bit, under the champion's version, promotion sequence and SHA.
        Assert.Equal(trained.Model.Score(batch).Scores, entry.Predictions.Scores);
        Assert.Equal(2, entry.Predictions.Width);
        Assert.Equal(("2", 17L, trained.Artifact.Sha256, 5_000L), (entry.Version, entry.SnapshotSequence, entry.SnapshotDigest, entry.ArrivalUnixMs));
        Assert.Null(entry.RowVersions);
        Assert.Same(batch, entry.Batch);

        // Beside it: the online learner's predictions, as a copy of the head predicting then learning row by row gives them here.
        var own = OnlineLearner.Restore(Schema, headBefore);
        var expected = own.PredictThenLearn(batch, Schema.PredictionWidth);
        var other = Assert.Single(entry.Others!);
        Assert.Equal(SnapshotFactory.OnlineVersion, other.Version);
        Assert.Equal(expected.Scores, other.Predictions.Scores);
        // They are not the champion's (the two models differ), so the test would see a mix-up.
        Assert.NotEqual(entry.Predictions.Scores, other.Predictions.Scores);

        // The copy learned the 48 labelled rows (12 of 60 have none) and ends where the independent copy ends; the head learned nothing.
        Assert.Equal(headBefore.Updates + 48, prelearned!.Updates);
        var learned = prelearned.ExportState();
        var independent = own.ExportState();
        Assert.Equal(independent.Weights, learned.Weights);
        Assert.Equal(independent.Intercepts, learned.Intercepts);
        Assert.Equal(independent.FeatureMeans, learned.FeatureMeans);
        Assert.Equal(headBefore.Updates, head.Updates);
        Assert.Equal(headBefore.Weights, head.ExportState().Weights);

        // Applying the entry right after the head's sequence takes the copy as the learner, as the model grain does after the append.
        applier.Apply(applier.AppliedSequence + 1, entry, prelearned);
        Assert.Same(prelearned, applier.Learner);
    }

    [Fact]
    public void Only_the_rows_asked_are_scored_by_the_champion_and_learned()
    {
        var (applier, head) = HeadAfterLearning();
        var trained = Trained.Value;
        var batch = Rows(2_000, 10, seed: 4);
        var sub = new EventsSubmission(1, batch, new Predictions(2, new double[20]), "ignored", 0, "ignored", 6_000, Prequential: true);
        int[] rows = [7, 2, 5];

        var (entry, prelearned) = _builder.Build(sub, rows, head, applier.Revision, Schema, lastSequence: 20,
            new PrequentialScorer(new Champion("3", trained.Artifact.Sha256, 30, 9), trained.Model));

        var asked = batch.Select(rows);
        Assert.Equal(["r2007", "r2002", "r2005"], entry.Batch.Ids);
        Assert.Equal(trained.Model.Score(asked).Scores, entry.Predictions.Scores);
        Assert.Equal(head.Clone().PredictThenLearn(asked, 2).Scores, Assert.Single(entry.Others!).Predictions.Scores);
        Assert.Equal(head.Updates + 3, prelearned!.Updates);
        Assert.Equal(("3", 30L), (entry.Version, entry.SnapshotSequence));
    }

    [Fact]
    public void Without_an_ml_net_model_the_learner_answers_and_nothing_is_logged_beside_it()
    {
        var (applier, head) = HeadAfterLearning();
        var batch = Rows(3_000, 10, seed: 5);
        var sub = new EventsSubmission(1, batch, new Predictions(2, new double[20]), "ignored", 0, "ignored", 7_000, Prequential: true);

        var (entry, _) = _builder.Build(sub, null, head, applier.Revision, Schema, lastSequence: 20, new PrequentialScorer(Champion.Online, null));

        Assert.Equal(head.Clone().PredictThenLearn(batch, 2).Scores, entry.Predictions.Scores);
        Assert.Equal((SnapshotFactory.OnlineVersion, 20L), (entry.Version, entry.SnapshotSequence));
        Assert.Null(entry.Others);
    }

    /// <summary>A model whose learner has learned 200 labelled rows (so its predictions are not the untrained 0.5).</summary>
    private static (ModelApplier Applier, OnlineLearner Head) HeadAfterLearning()
    {
        var applier = new ModelApplier(new ModelState());
        applier.Apply(1, new DefinitionEntry(0, TestLog.Definition, 1));
        var learned = Rows(500, 200, seed: 6);
        applier.Apply(2, new EventsEntry(1_000, learned, new Predictions(2, new double[400]), "1", 1, "d"));
        Assert.Equal(200, applier.Learner!.Updates);
        return (applier, applier.Learner);
    }

    /// <summary>
    /// Rows <paramref name="first"/>… of a binary task: x uniform in [0, 10), c "a" or "b", "yes" when x plus 2 for "b" plus noise in
    /// [−1, 1) passes 6; ids "r{n}", time n.
    /// </summary>
    private static EventBatch Rows(int first, int count, int seed, int unlabelledEvery = 0)
    {
        var random = new Random(seed);
        var x = new double[count];
        var c = new string?[count];
        var labels = new double[count];
        for (var i = 0; i < count; i++)
        {
            x[i] = random.NextDouble() * 10;
            c[i] = random.Next(2) == 0 ? "a" : "b";
            var score = x[i] + (c[i] == "b" ? 2 : 0) + ((random.NextDouble() * 2) - 1);
            labels[i] = unlabelledEvery > 0 && i % unlabelledEvery == unlabelledEvery - 1 ? double.NaN : score > 6 ? 1 : 0;
        }

        return new EventBatch
        {
            Ids = [.. Enumerable.Range(first, count).Select(n => $"r{n}")],
            Times = [.. Enumerable.Range(first, count).Select(n => (double)n)],
            Numeric = [x],
            Categorical = [c],
            Labels = labels,
        };
    }
}
