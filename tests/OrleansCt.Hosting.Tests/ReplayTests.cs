using System.Text.Json.Nodes;
using OrleansCt.Hosting.Tests.Infrastructure;
using OrleansCt.Testing;

namespace OrleansCt.Hosting.Tests;

[Collection(SiloCollection.Name)]
public sealed class ReplayTests
{
    private const int Batches = 60;
    private const int KillAfter = 37;
    private const string Model = "v1/models/crashing";

    /// <summary>Checkpoints every 16 entries and never on the clock, so the kill leaves entries that only a replay restores.</summary>
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["OrleansCt__Model__CheckpointEntries"] = "16",
        ["OrleansCt__Model__CheckpointInterval"] = "01:00:00",
    };

    private static string Definition => Definitions.Elec2.TrimEnd().TrimEnd('}') + """, "monitoring": {"bucketSeconds": 86400, "ring": 20}}""";

    /// <summary>
    /// The same elec2 stream twice through the real service: once uninterrupted, once with the silo killed by SIGKILL
    /// after an acknowledged batch and restarted. The model's counters, snapshot (digest of the weights), sketches,
    /// buckets and metrics must be identical: the restarted grain replays the log after its checkpoint exactly.
    /// </summary>
    [Fact]
    public async Task A_silo_killed_mid_stream_and_restarted_ends_in_exactly_the_state_of_an_uninterrupted_run()
    {
        var (uninterruptedModel, uninterruptedStats) = await RunAsync(kill: false);
        var (restartedModel, restartedStats) = await RunAsync(kill: true);

        Assert.Equal(uninterruptedModel, restartedModel);
        Assert.Equal(uninterruptedStats, restartedStats);
    }

    private static async Task<(string Model, string Stats)> RunAsync(bool kill)
    {
        var data = TestFolders.Create(kill ? "replay-killed" : "replay-reference");
        var ports = FreePorts.Get(3);
        var silo = await SiloProcess.StartAsync(data, ports, Settings);
        try
        {
            (await silo.Http.PutRaw(Model, Definition)).EnsureSuccessStatusCode();
            for (var batch = 0; batch < Batches; batch++)
            {
                (await silo.Http.PostRaw($"{Model}/events", Elec2Stream.EventsBody(batch * 48, (batch + 1) * 48))).EnsureSuccessStatusCode();
                if (kill && batch == KillAfter)
                {
                    await silo.KillAsync();
                    await silo.DisposeAsync();
                    silo = await SiloProcess.StartAsync(data, ports, Settings);
                }
            }

            if (kill)
            {
                // The restart really had to replay: the checkpoint (every 64 entries) was behind the log.
                Assert.True(silo.Output.Any(line => line.Contains("Model crashing replayed", StringComparison.Ordinal)), string.Join("\n", silo.Output));
            }

            var model = JsonNode.Parse(await silo.Http.GetStringAsync(Model))!.AsObject();
            Assert.Equal(Batches * 48, model["events"]!.GetValue<long>());
            model.Remove("checkpointSequence");     // when checkpoints were written depends on timing, not on the stream
            var stats = await silo.Http.GetStringAsync($"{Model}/stats");
            return (model.ToJsonString(), stats);
        }
        finally
        {
            await silo.DisposeAsync();
        }
    }
}
