using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using OrleansCt.Abstractions.Training;
using OrleansCt.Grains.Training;
using OrleansCt.Hosting.Tests.Infrastructure;
using OrleansCt.Storage;

namespace OrleansCt.Hosting.Tests.Training;

/// <summary>
/// The coordinator stores its records from two places: the retrain it runs in the background (training, validating, decided)
/// and the calls it answers (a new request, a cancel), which interleave with it at every await. A storage write takes time —
/// its ETag and payload are taken when it starts — so a request arriving while the background write is in flight must be
/// stored after it, not beside it: two writes with the same ETag would refuse one as stale, failing either the request or the
/// running retrain. (Orleans 10's StateStorageBridge queues a grain's storage operations, which is what keeps this so.)
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class CoordinatorWriteRaceTests
{
    private const string Model = "elec-race";

    [Fact]
    public async Task A_request_arriving_while_the_running_retrains_write_is_in_flight_fails_neither()
    {
        var storage = new SlowCoordinatorStorage(Model, "\"state\":\"training\"");
        await using var silo = await TestSilo.StartAsync("coordinator-write-race", services: storage.Install);
        var http = silo.Http;
        (await http.PutRaw($"v1/models/{Model}", Definitions.Elec2)).EnsureSuccessStatusCode();
        await Elec2Stream.SendAsync(http, Model, 0, 1000);

        // Retrain 1 is accepted; its "training" record is being written (held in flight) when the second request arrives.
        const string Body = """{"gate": {"metric": "accuracy", "maxWorsening": 1, "maxLatencyMs": 60000}}""";
        var first = await http.PostRaw($"v1/models/{Model}/retrain", Body);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await storage.Held;
        var second = http.PostRaw($"v1/models/{Model}/retrain", Body);

        // The second request's record is in the coordinator (Await interleaves, and answers for it) once the request has
        // reached its own store; only then does the first write complete.
        var coordinator = silo.Grains.GetGrain<ICoordinatorGrain>(Model);
        while (await coordinator.Await("2", TimeSpan.Zero) is null)
        {
            if (second.IsCompleted)
            {
                Assert.Fail($"the second request ended before its record was kept: {await (await second).Content.ReadAsStringAsync()}");
            }
        }

        storage.Release();
        var accepted = await second;
        Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, await accepted.Content.ReadAsStringAsync());

        var one = await (await http.GetAsync($"v1/models/{Model}/retrains/1?wait=120")).Read<RetrainView>();
        var two = await (await http.GetAsync($"v1/models/{Model}/retrains/2?wait=120")).Read<RetrainView>();
        Assert.True(one.State == "promoted", $"retrain 1: {one.State} {one.Error}");
        Assert.True(two.State == "promoted", $"retrain 2: {two.State} {two.Error}");
        Assert.Equal(("2", "3"), (one.Candidate, two.Candidate));
        Assert.Equal(1, one.Attempts);
    }

    /// <summary>
    /// The grain storage with one of a model's coordinator writes slowed down as a remote database would be: its ETag and
    /// payload are taken when it starts, the row is written when <see cref="Release"/> is called. Every other write goes through.
    /// </summary>
    private sealed class SlowCoordinatorStorage(string model, string holdWhenJsonContains)
    {
        private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _armed = 1;

        public Task Held => _held.Task;

        public void Release() => _release.TrySetResult();

        public void Install(IServiceCollection services)
        {
            var registered = services.Last(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, StorageNames.Grain));
            services.Remove(registered);
            services.AddKeyedSingleton<IGrainStorage>(StorageNames.Grain, (sp, key) => new Slowed(this, (IGrainStorage)registered.KeyedImplementationFactory!(sp, key)));
        }

        private bool ShouldHold<T>(string stateName, GrainId grainId, IGrainState<T> state) =>
            stateName == "coordinator" && grainId.Key.ToString() == model
            && state.State is CoordinatorGrainState { Json: { } json } && Encoding.UTF8.GetString(json).Contains(holdWhenJsonContains, StringComparison.Ordinal)
            && Interlocked.Exchange(ref _armed, 0) == 1;

        private sealed class Slowed(SlowCoordinatorStorage owner, IGrainStorage inner) : IGrainStorage
        {
            public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

            public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
            {
                if (!owner.ShouldHold(stateName, grainId, grainState))
                {
                    await inner.WriteStateAsync(stateName, grainId, grainState);
                    return;
                }

                // What a slow backend has taken by now: the expected ETag and the payload (the coordinator replaces Json whole).
                var taken = new GrainState<T>((T)(object)new CoordinatorGrainState { Json = ((CoordinatorGrainState)(object)grainState.State!).Json }, grainState.ETag);
                owner._held.TrySetResult();
                await owner._release.Task;
                await inner.WriteStateAsync(stateName, grainId, taken);
                grainState.ETag = taken.ETag;
                grainState.RecordExists = true;
            }

            public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
        }
    }
}
