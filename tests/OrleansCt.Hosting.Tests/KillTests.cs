using OrleansCt.Hosting.Tests.Infrastructure;
using OrleansCt.Testing;

namespace OrleansCt.Hosting.Tests;

[Collection(SiloCollection.Name)]
public sealed class KillTests
{
    [Fact]
    public async Task After_kill_9_a_restart_has_every_acknowledged_event_and_label_and_the_learner_that_learned_them()
    {
        var data = TestFolders.Create("kill");
        var ports = FreePorts.Get(3);
        var acknowledgedEvents = 0;
        var acknowledgedLabels = 0;
        await using (var silo = await SiloProcess.StartAsync(data, ports))
        {
            (await silo.Http.PutRaw("v1/models/crash", Definitions.Binary)).EnsureSuccessStatusCode();
            for (var batch = 0; batch < 30; batch++)
            {
                var events = string.Join(",", Enumerable.Range(0, 50).Select(i =>
                    $$"""{"id": "b{{batch}}-{{i}}", "features": {"nswprice": {{(i % 10) / 10.0}}, "day": "{{1 + i % 7}}"}, "label": "{{(i % 10 >= 5 ? "UP" : "DOWN")}}"}"""));
                (await silo.Http.PostRaw("v1/models/crash/events", $$"""{"events": [{{events}}]}""")).EnsureSuccessStatusCode();
                acknowledgedEvents += 50;
                acknowledgedLabels += 50;
            }

            await silo.KillAsync();
        }

        await using var restarted = await SiloProcess.StartAsync(data, ports);
        var model = await (await restarted.Http.GetAsync("v1/models/crash")).Read<ModelResponse>();
        Assert.Equal(acknowledgedEvents, model.Events);
        Assert.Equal(acknowledgedLabels, model.Labels);
        // Replay from the checkpoint re-applies every logged label, so the learner has learned each one exactly once.
        Assert.Equal(acknowledgedLabels, model.LearnerUpdates);
        Assert.Equal(acknowledgedLabels, model.Performance.Labelled);
    }
}
