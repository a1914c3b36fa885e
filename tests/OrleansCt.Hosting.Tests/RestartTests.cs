using OrleansCt.Hosting.Tests.Infrastructure;

namespace OrleansCt.Hosting.Tests;

[Collection(SiloCollection.Name)]
public sealed class RestartTests
{
    [Fact]
    public async Task Stopping_and_starting_keeps_every_model_event_label_and_learned_weight()
    {
        var silo = await TestSilo.StartAsync("restart", new Dictionary<string, string?> { ["OrleansCt:Model:SnapshotUpdates"] = "1" });
        try
        {
            await silo.Http.PutRaw("v1/models/keep", Definitions.Binary);
            for (var i = 0; i < 20; i++)
            {
                var label = i % 2 == 0 ? "UP" : "DOWN";
                await silo.Http.PostRaw("v1/models/keep/events",
                    $$"""{"events": [{"id": "k{{i}}", "features": {"nswprice": {{(i % 2 == 0 ? 0.9 : 0.1)}}, "day": "3"}, "label": "{{label}}"}]}""");
            }

            await silo.Http.PostRaw("v1/models/keep/predict", """{"events": [{"id": "late", "features": {"nswprice": 0.5, "day": "1"}}]}""");
            await silo.Http.PostRaw("v1/models/keep/labels", """{"labels": [{"id": "late", "label": "UP"}, {"id": "nobody", "label": "UP"}]}""");
            // This answer brings the snapshot with every label learned to the ingest grain, so the probe below is
            // predicted with the same weights the restarted silo will restore.
            await silo.Http.PostRaw("v1/models/keep/predict", """{"events": [{"id": "refresh", "features": {"nswprice": 0.5, "day": "1"}}]}""");
            var before = await (await silo.Http.GetAsync("v1/models/keep")).Read<ModelResponse>();
            var probe = """{"events": [{"id": "probe-1", "features": {"nswprice": 0.8, "day": "3"}}]}""";
            var predictedBefore = await (await silo.Http.PostRaw("v1/models/keep/predict", probe)).Read<PredictResponse>();

            silo = await silo.RestartAsync();

            var after = await (await silo.Http.GetAsync("v1/models/keep")).Read<ModelResponse>();
            Assert.Equal((before.Events + 1, before.Labels, before.UnmatchedLabels, before.LearnerUpdates),
                (after.Events, after.Labels, after.UnmatchedLabels, after.LearnerUpdates));
            Assert.Equal(21, after.Labels);
            Assert.Equal(before.Performance, after.Performance);
            var list = await (await silo.Http.GetAsync("v1/models")).Read<ModelListResponse>();
            Assert.Contains(list.Models, m => m.Name == "keep");

            // The same id again is a duplicate across the restart; a new id is predicted with the restored weights.
            var again = await (await silo.Http.PostRaw("v1/models/keep/predict", probe)).Read<PredictResponse>();
            Assert.Equal(1, again.Duplicates);
            Assert.Equal(predictedBefore.Predictions[0].Probabilities!["UP"], again.Predictions[0].Probabilities!["UP"]);
            var fresh = await (await silo.Http.PostRaw("v1/models/keep/predict", probe.Replace("probe-1", "probe-2"))).Read<PredictResponse>();
            Assert.Equal(predictedBefore.Predictions[0].Probabilities!["UP"], fresh.Predictions[0].Probabilities!["UP"]);
        }
        finally
        {
            await silo.DisposeAsync();
        }
    }
}
