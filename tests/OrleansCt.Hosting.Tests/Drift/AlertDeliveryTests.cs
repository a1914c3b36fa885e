using System.Text.Json;
using System.Threading.Channels;
using Orleans.Streams;
using OrleansCt.Abstractions.Alerts;
using OrleansCt.Hosting.Tests.Alerts;
using OrleansCt.Hosting.Tests.Infrastructure;

namespace OrleansCt.Hosting.Tests.Drift;

/// <summary>
/// A drift alert end to end: raised by the feature window, readable at GET alerts, posted to the model's webhook with an
/// Idempotency-Key, published on the "alerts" stream with the log sequence that raised it, then acknowledged and
/// resolved by a person through the API, each change posted again.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class AlertDeliveryTests
{
    [Fact]
    public async Task A_drift_alert_reaches_the_webhook_and_the_stream_and_follows_its_life_cycle()
    {
        using var receiver = new ScriptedReceiver();
        await using var silo = await TestSilo.StartAsync("alert-delivery");
        var http = silo.Http;
        var notices = Channel.CreateUnbounded<AlertNotice>();
        var stream = silo.Client.GetStreamProvider(AlertNotice.Provider).GetStream<AlertNotice>(StreamId.Create(AlertNotice.Namespace, "toy"));
        await stream.SubscribeAsync((notice, _) => notices.Writer.WriteAsync(notice).AsTask());

        (await http.PutRaw("v1/models/toy", ToyDrift.Definition(receiver.Url.ToString()))).EnsureSuccessStatusCode();
        (await http.PostAsync("v1/models/toy/reference", ToyDrift.ReferenceCsv())).EnsureSuccessStatusCode();
        (await http.PostRaw("v1/models/toy/events", ToyDrift.Events(0, 4))).EnsureSuccessStatusCode();
        (await http.GetAsync("v1/models/toy/drift")).EnsureSuccessStatusCode();
        Assert.Empty((await (await http.GetAsync("v1/models/toy/alerts")).ReadJson()).EnumerateArray());

        // Hours 4 and 5 drift; the event at hour 6 closes hour 5, completing the first window made of drifted hours only.
        (await http.PostRaw("v1/models/toy/events", ToyDrift.Events(4, 7, shift: 50))).EnsureSuccessStatusCode();
        (await http.GetAsync("v1/models/toy/drift")).EnsureSuccessStatusCode();

        var alert = (await (await http.GetAsync("v1/models/toy/alerts?state=open")).ReadJson()).EnumerateArray().Single(a => a.GetProperty("subject").GetString() == "x");
        Assert.Equal("drift", alert.GetProperty("kind").GetString());
        Assert.Equal("ksD", alert.GetProperty("statistic").GetString());
        var id = alert.GetProperty("id").GetString()!;

        // x's shift also breaks the joint distribution (a multivariate alert): each alert has its own webhook series.
        var opened = await NextAsync(receiver, $"toy/{id}/opened");
        Assert.Equal(id, JsonDocument.Parse(opened.Body).RootElement.GetProperty("alert").GetProperty("id").GetString());

        var notice = await ReadAsync(notices, n => n.AlertId == id);
        Assert.Equal(("opened", "x"), (notice.Event, notice.Subject));
        Assert.Equal(alert.GetProperty("sequence").GetInt64(), notice.Sequence);
        Assert.True(notice.Sequence > 0);

        var acknowledged = await http.PostRaw("v1/models/toy/alerts/acknowledge", $$"""{"id": "{{id}}", "by": "ana", "comment": "looking"}""");
        Assert.Equal("acknowledged", (await acknowledged.ReadJson()).GetProperty("state").GetString());
        await NextAsync(receiver, $"toy/{id}/acknowledged");
        Assert.Equal(409, (int)(await http.PostRaw("v1/models/toy/alerts/acknowledge", $$"""{"id": "{{id}}", "by": "bo"}""")).StatusCode);

        var resolved = await http.PostRaw("v1/models/toy/alerts/resolve", $$"""{"id": "{{id}}", "by": "ana"}""");
        Assert.Equal("resolved", (await resolved.ReadJson()).GetProperty("state").GetString());
        await NextAsync(receiver, $"toy/{id}/resolved");
        Assert.Equal("resolved", (await ReadAsync(notices, n => n.AlertId == id && n.Event == "resolved")).State);
    }

    [Fact]
    public async Task Bad_alert_requests_name_their_field_and_change_nothing()
    {
        await using var silo = await TestSilo.StartAsync("alert-bad");
        var http = silo.Http;
        (await http.PutRaw("v1/models/toy", ToyDrift.Definition())).EnsureSuccessStatusCode();

        await AssertProblem(await http.GetAsync("v1/models/toy/alerts?state=sleeping"), 400, "state");
        await AssertProblem(await http.GetAsync("v1/models/nobody/alerts"), 404, null);
        await AssertProblem(await http.PostRaw("v1/models/toy/alerts/acknowledge", """{"by": "ana"}"""), 400, "id");
        await AssertProblem(await http.PostRaw("v1/models/toy/alerts/resolve", """{"id": "drift:x:1"}"""), 400, "by");
        await AssertProblem(await http.PostRaw("v1/models/toy/alerts/acknowledge", """{"id": "drift:x:9", "by": "ana"}"""), 404, "id");
        Assert.Empty((await (await http.GetAsync("v1/models/toy/alerts")).ReadJson()).EnumerateArray());
    }

    [Fact]
    public async Task An_alert_action_of_the_wrong_shape_names_the_field_and_no_dotnet_type()
    {
        await using var silo = await TestSilo.StartAsync("alert-shape");
        var http = silo.Http;
        (await http.PutRaw("v1/models/toy", ToyDrift.Definition())).EnsureSuccessStatusCode();

        var number = await http.PostRaw("v1/models/toy/alerts/acknowledge", """{"id": 5, "by": "ana"}""");
        Assert.Equal("application/problem+json", number.Content.Headers.ContentType?.MediaType);
        var body = await number.Content.ReadAsStringAsync();
        var error = Assert.Single(JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(("id", "must be a string, not a number"), (error.GetProperty("field").GetString(), error.GetProperty("message").GetString()));
        Assert.DoesNotContain("DriftApi", body, StringComparison.Ordinal);
        Assert.DoesNotContain("AlertAction", body, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", body, StringComparison.Ordinal);

        await AssertProblem(await http.PostRaw("v1/models/toy/alerts/resolve", """{"id": "drift:x:1", "by": ["ana"]}"""), 400, "by");
        await AssertProblem(await http.PostRaw("v1/models/toy/alerts/acknowledge", """{"id": "drift:x:1", "by": "ana", "comment": 7}"""), 400, "comment");
        await AssertProblem(await http.PostRaw("v1/models/toy/alerts/acknowledge", """["drift:x:1"]"""), 400, "body");
        await AssertProblem(await http.PostRaw("v1/models/toy/alerts/acknowledge", """{"id": """), 400, "body");
        Assert.Empty((await (await http.GetAsync("v1/models/toy/alerts")).ReadJson()).EnumerateArray());
    }

    internal static async Task AssertProblem(HttpResponseMessage response, int status, string? field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        if (field is not null)
        {
            Assert.Contains(JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == field);
        }
    }

    private static async Task<ReceivedRequest> NextAsync(ScriptedReceiver receiver, string key)
    {
        while (true)
        {
            var request = await receiver.NextAsync();
            if (request.IdempotencyKey == key)
            {
                return request;
            }
        }
    }

    private static async Task<AlertNotice> ReadAsync(Channel<AlertNotice> notices, Func<AlertNotice, bool> match)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var notice = await notices.Reader.ReadAsync(deadline.Token);
            if (match(notice))
            {
                return notice;
            }
        }
    }
}
