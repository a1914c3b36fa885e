using System.Net;
using System.Text.Json;
using OrleansCt.Core.Policy;
using OrleansCt.Hosting.Tests.Infrastructure;

namespace OrleansCt.Hosting.Tests.Training;

/// <summary>The policy is data: set through the API as a control entry in the log, read back written out in full, refused by field.</summary>
[Collection(SiloCollection.Name)]
public sealed class PolicyApiTests
{
    [Fact]
    public async Task A_policy_is_logged_with_who_set_it_read_back_in_full_and_kept_across_a_restart()
    {
        var silo = await TestSilo.StartAsync("policy-api");
        try
        {
            var http = silo.Http;
            (await http.PutRaw("v1/models/pol", Definitions.Elec2)).EnsureSuccessStatusCode();

            // None set: the built-in "online" policy, at no entry.
            var initial = await (await http.GetAsync("v1/models/pol/policy")).Read<PolicyView>();
            Assert.Equal((0L, "default"), (initial.Sequence, initial.By));
            Assert.Equal(Json(BuiltInPolicies.Online.ToSpec()), Json(initial.Policy));

            var before = (await (await http.GetAsync("v1/models/pol")).Read<ModelResponse>()).LastSequence;
            var set = await http.PutRaw("v1/models/pol/policy?by=ana&reason=weekly%20review", """{"use": "default"}""");
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            var view = await set.Read<PolicyView>();

            // The control entry is the next in the log; the policy comes back written out, as Core's built-in writes it.
            Assert.Equal((before + 1, "ana", "weekly review"), (view.Sequence, view.By, view.Reason));
            Assert.Equal(before + 1, (await (await http.GetAsync("v1/models/pol")).Read<ModelResponse>()).LastSequence);
            Assert.Equal(Json(BuiltInPolicies.Default.ToSpec()), Json(view.Policy));
            Assert.Null(view.Policy.Use);

            silo = await silo.RestartAsync();
            var kept = await (await silo.Http.GetAsync("v1/models/pol/policy")).Read<PolicyView>();
            Assert.Equal(Json(view), Json(kept));
        }
        finally
        {
            await silo.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("""{"use": "sometimes"}""", "use")]
    [InlineData("""{"use": "default", "guards": {"cooldownSeconds": 60}}""", "guards")]
    [InlineData("""{"triggers": {"alerts": [{"kind": "weather", "severity": "warning"}]}}""", "triggers.alerts[0].kind")]
    [InlineData("""{"triggers": {"alerts": [{"kind": "performance", "severity": "warning", "minFeatures": 2}]}}""", "triggers.alerts[0].minFeatures")]
    [InlineData("""{"guards": {"cooldownSeconds": -1}}""", "guards.cooldownSeconds")]
    [InlineData("""{"guards": {"cooldownSecond": 1}}""", "guards.cooldownSecond")]
    [InlineData("""{"retrain": {"trainer": "oracle"}}""", "retrain.trainer")]
    [InlineData("""{"retrain": {"trainer": "lightGbm", "options": {"depth": 3}}}""", "retrain.options.depth")]
    [InlineData("""{"gate": {"metric": "rmse"}}""", "gate.metric")]
    [InlineData("""{"window": {"kind": "fixed", "rows": 100, "seconds": 3600}}""", "window")]
    public async Task A_bad_policy_is_refused_naming_the_field_and_nothing_is_logged(string body, string field)
    {
        await using var silo = await TestSilo.StartAsync("policy-bad");
        var http = silo.Http;
        (await http.PutRaw("v1/models/pol", Definitions.Elec2)).EnsureSuccessStatusCode();
        var before = (await (await http.GetAsync("v1/models/pol")).Read<ModelResponse>()).LastSequence;

        var refused = await http.PutRaw("v1/models/pol/policy", body);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var fields = (await refused.ReadJson()).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()!).ToList();
        Assert.Contains(fields, f => f.StartsWith(field, StringComparison.Ordinal));
        Assert.Equal(before, (await (await http.GetAsync("v1/models/pol")).Read<ModelResponse>()).LastSequence);
        Assert.Equal(0, (await (await http.GetAsync("v1/models/pol/policy")).Read<PolicyView>()).Sequence);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PutRaw("v1/models/nobody/policy", """{"use": "online"}""")).StatusCode);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, JsonDefaults.Options);
}
