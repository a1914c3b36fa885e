using System.Net;
using OrleansCt.Grains;
using OrleansCt.Hosting.Tests.Infrastructure;
using OrleansCt.Testing;

namespace OrleansCt.Hosting.Tests.Training;

/// <summary>
/// A retrain through the real service, with the process killed (SIGKILL, by <see cref="CrashPoints"/>) at each step that
/// matters and restarted on the same data folder and ports without the crash point. After the restart the retrain ends
/// decided, one candidate is registered for it, and the registry's champion, the model's champion and the promotion entry in
/// the log agree — the move to the candidate is in the alias history once, at the sequence of the one promotion entry.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class RetrainKillTests
{
    private const string Model = "v1/models/retrain-kill";
    private const int Rows = 1_500;
    private const int BatchRows = 100;

    /// <summary>A LightGBM candidate that passes against the online champion on elec2 (it may be up to 0.5 worse in accuracy).</summary>
    private const string Request = """{"reason": "kill test", "trainer": "lightGbm", "seed": 7, "gate": {"maxWorsening": 0.5}}""";

    /// <summary>Seconds a GET of the retrain waits for its decision (the HTTP client gives up after 100).</summary>
    private const int WaitSeconds = 90;

    [Fact]
    public async Task Killed_during_training_the_restarted_silo_trains_again_and_promotes_once()
    {
        var (data, ports, logged) = await RunUntilCrashAsync("retrain-kill-training", CrashPoints.TrainingStarted);

        await using var restarted = await SiloProcess.StartAsync(data, ports);
        var retrain = await DecidedAsync(restarted);

        Assert.True(retrain.State == "promoted", Describe(retrain, restarted));
        Assert.Equal(2, retrain.Attempts);
        Assert.Contains(retrain.Steps, s => s.State == "requested" && s.Note.Contains("queued again", StringComparison.Ordinal));
        await AssertPromotedOnceAsync(restarted, retrain, logged);
    }

    [Fact]
    public async Task Killed_during_its_last_allowed_attempt_the_retrain_is_marked_failed_not_stuck_and_nothing_changed_hands()
    {
        var (data, ports, logged) = await RunUntilCrashAsync("retrain-kill-last-attempt", CrashPoints.TrainingStarted);

        // One attempt allowed: the interrupted one was the last.
        await using var restarted = await SiloProcess.StartAsync(data, ports, new Dictionary<string, string> { ["OrleansCt__Training__MaxAttempts"] = "1" });
        var retrain = await DecidedAsync(restarted);

        Assert.True(retrain.State == "failed", Describe(retrain, restarted));
        Assert.Equal((1, "interrupted by silo crashes"), (retrain.Attempts, retrain.Error));
        Assert.Null(retrain.Candidate);
        var versions = await VersionsAsync(restarted);
        Assert.Equal("1", Champion(versions));
        Assert.Single(versions.Versions);
        Assert.Equal(logged, (await ModelAsync(restarted)).LastSequence);
    }

    [Fact]
    public async Task Killed_after_the_move_was_requested_the_restart_logs_and_commits_it_and_the_retrain_ends_promoted()
    {
        var (data, ports, logged) = await RunUntilCrashAsync("retrain-kill-requested", CrashPoints.AliasRequested);

        await using var restarted = await SiloProcess.StartAsync(data, ports);

        // The first read of the registry activates it, and the activation drives the requested move to its end: from the
        // first answer on, the registry and the model name the same champion, the candidate.
        var versions = await VersionsAsync(restarted);
        var model = await ModelAsync(restarted);
        var candidate = versions.Versions.Single(v => v.Origin == "retrain 1").Version;
        Assert.Equal(candidate, Champion(versions));
        Assert.Equal(candidate, model.Champion);

        var retrain = await DecidedAsync(restarted);
        Assert.True(retrain.State == "promoted", Describe(retrain, restarted));
        AssertFoundPromoted(retrain);
        await AssertPromotedOnceAsync(restarted, retrain, logged);
    }

    [Fact]
    public async Task Killed_after_the_promotion_was_logged_the_restart_commits_the_logged_entry_without_a_second_one()
    {
        var (data, ports, logged) = await RunUntilCrashAsync("retrain-kill-logged", CrashPoints.PromotionLogged);

        long lastSequence;
        await using (var restarted = await SiloProcess.StartAsync(data, ports))
        {
            var versions = await VersionsAsync(restarted);
            var model = await ModelAsync(restarted);
            var candidate = versions.Versions.Single(v => v.Origin == "retrain 1").Version;
            Assert.Equal(candidate, Champion(versions));
            Assert.Equal(candidate, model.Champion);

            var retrain = await DecidedAsync(restarted);
            Assert.True(retrain.State == "promoted", Describe(retrain, restarted));
            AssertFoundPromoted(retrain);
            await AssertPromotedOnceAsync(restarted, retrain, logged);
            lastSequence = (await ModelAsync(restarted)).LastSequence;
        }

        // A second restart finds nothing left to drive: no second promotion entry, the same single move.
        await using var again = await SiloProcess.StartAsync(data, ports);
        var retrainAgain = await DecidedAsync(again);
        Assert.Equal("promoted", retrainAgain.State);
        await AssertPromotedOnceAsync(again, retrainAgain, logged);
        Assert.Equal(lastSequence, (await ModelAsync(again)).LastSequence);
    }

    /// <summary>
    /// Starts a silo armed with <paramref name="crashAt"/>, registers elec2, sends its first rows with labels, asks for a
    /// retrain and waits for the process to kill itself. Returns the model's last log sequence before the retrain.
    /// </summary>
    private static async Task<(string Data, int[] Ports, long LastSequence)> RunUntilCrashAsync(string name, string crashAt)
    {
        var data = TestFolders.Create(name);
        var ports = FreePorts.Get(3);
        await using var silo = await SiloProcess.StartAsync(data, ports, new Dictionary<string, string> { [CrashPoints.Variable] = crashAt });
        (await silo.Http.PutRaw(Model, Definitions.Elec2)).EnsureSuccessStatusCode();
        for (var from = 0; from < Rows; from += BatchRows)
        {
            (await silo.Http.PostRaw($"{Model}/events", Elec2Stream.EventsBody(from, from + BatchRows))).EnsureSuccessStatusCode();
        }

        var before = await ModelAsync(silo);
        Assert.Equal("1", before.Champion);
        var posted = await silo.Http.PostRaw($"{Model}/retrain", Request);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        Assert.Equal("1", (await posted.Read<RetrainView>()).Id);

        // The long poll is cut when the process dies; an answer means the crash point was never reached.
        try
        {
            var answer = await silo.Http.GetStringAsync($"{Model}/retrains/1?wait={WaitSeconds}");
            Assert.Fail($"the silo did not crash at '{crashAt}'; the retrain answered {answer}\n{string.Join('\n', silo.Output)}");
        }
        catch (HttpRequestException)
        {
        }

        await silo.KillAsync();     // reaps the process (already gone) and its output
        Assert.Contains(silo.Output, line => line.Contains($"crash point '{crashAt}' reached", StringComparison.Ordinal));
        return (data, ports, before.LastSequence);
    }

    /// <summary>
    /// One candidate registered for retrain 1, champion in the registry and in the model; the alias history moves champion to it
    /// once, at the sequence of the one entry appended since the retrain was asked for (its promotion entry).
    /// </summary>
    private static async Task AssertPromotedOnceAsync(SiloProcess silo, RetrainView retrain, long loggedBefore)
    {
        var versions = await VersionsAsync(silo);
        var model = await ModelAsync(silo);
        var candidate = Assert.Single(versions.Versions, v => v.Origin == "retrain 1").Version;
        Assert.Equal(2, versions.Versions.Count);
        Assert.Equal(candidate, retrain.Candidate);
        Assert.Equal(candidate, Champion(versions));
        Assert.Equal(candidate, model.Champion);

        var moves = versions.History.Where(m => m.Alias == "champion").ToList();
        var move = Assert.Single(moves, m => m.Version == candidate);
        Assert.Same(move, moves[^1]);
        Assert.Equal("1", move.Previous);

        // Nothing but the promotion entry was appended after the rows: it is the log's last entry, and the move's sequence.
        Assert.Equal(loggedBefore + 1, move.Sequence);
        Assert.Equal(move.Sequence, model.LastSequence);
        Assert.Equal(move.Sequence, retrain.PromotedAtSequence);
    }

    /// <summary>
    /// The interrupted attempt had registered the candidate and the registry had stored its move: after the restart the
    /// coordinator finds the candidate champion and decides promoted without a second training (nor a refused second promotion).
    /// </summary>
    private static void AssertFoundPromoted(RetrainView retrain)
    {
        Assert.Equal(1, retrain.Attempts);
        Assert.Null(retrain.Error);
        Assert.Equal(1, retrain.Steps.Count(s => s.State == "training"));
        Assert.Equal(["requested", "promoted"], retrain.Steps.TakeLast(2).Select(s => s.State));
        Assert.Contains("not trained again", retrain.Steps[^1].Note, StringComparison.Ordinal);
    }

    private static async Task<RetrainView> DecidedAsync(SiloProcess silo)
    {
        var response = await silo.Http.GetAsync($"{Model}/retrains/1?wait={WaitSeconds}");
        response.EnsureSuccessStatusCode();
        var view = await response.Read<RetrainView>();
        Assert.True(view.State is "promoted" or "rejected" or "failed", $"not decided within {WaitSeconds} s: {Describe(view, silo)}");
        return view;
    }

    private static async Task<VersionListResponse> VersionsAsync(SiloProcess silo) =>
        await (await silo.Http.GetAsync($"{Model}/versions")).EnsureSuccessStatusCode().Read<VersionListResponse>();

    private static async Task<ModelResponse> ModelAsync(SiloProcess silo) =>
        await (await silo.Http.GetAsync(Model)).EnsureSuccessStatusCode().Read<ModelResponse>();

    private static string Champion(VersionListResponse versions) => versions.Versions.Single(v => v.Aliases.Contains("champion")).Version;

    private static string Describe(RetrainView view, SiloProcess silo) =>
        $"retrain {view.Id} is {view.State} after {view.Attempts} attempt(s) ({view.Error}):\n"
        + string.Join('\n', view.Steps.Select(s => $"  {s.State}: {s.Note}"))
        + "\n--- silo output (last lines) ---\n" + string.Join('\n', silo.Output.TakeLast(60));
}
