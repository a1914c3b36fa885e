using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using OrleansCt.Core.Alerts;
using OrleansCt.Grains.Alerts;

namespace OrleansCt.Hosting.Tests.Alerts;

public sealed class WebhookDeliveryTests : IDisposable
{
    private static readonly DateTimeOffset s_start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(s_start);
    private readonly HttpClient _http = new();

    [Fact]
    public async Task Retries_carry_the_same_idempotency_key_on_the_backoff_schedule_until_a_2xx()
    {
        using var receiver = new ScriptedReceiver(500, 503, 200);
        var delivery = new WebhookDelivery(_http, _time);
        Assert.True(delivery.Enqueue(receiver.Url, "m1", Opened("age")));
        Assert.Equal(s_start, delivery.DueAt);

        Assert.Equal(new WebhookRound(1, 0, 1, 0), await delivery.DeliverDueAsync());
        Assert.Equal(s_start.AddSeconds(1), delivery.DueAt);
        Assert.Equal(new WebhookRound(1, 0, 1, 0), await AtAsync(delivery, 1));
        Assert.Equal(s_start.AddSeconds(3), delivery.DueAt);
        Assert.Equal(new WebhookRound(1, 1, 0, 0), await AtAsync(delivery, 3));

        Assert.Equal(3, receiver.Requests.Count);
        Assert.All(receiver.Requests, r => Assert.Equal(("m1/drift:age:1/opened", "application/json"), (r.IdempotencyKey, r.ContentType)));
        Assert.Equal((null, 1L), (delivery.DueAt, delivery.Delivered));
        Assert.Empty(delivery.Pending);

        var body = JsonDocument.Parse(receiver.Requests[0].Body).RootElement;
        Assert.Equal(("m1", "opened", "m1/drift:age:1/opened", 3600.0), (body.GetProperty("model").GetString(), body.GetProperty("event").GetString(), body.GetProperty("key").GetString(), body.GetProperty("at").GetDouble()));
        Assert.Equal(("drift:age:1", "warning", "open", 0.3), (body.GetProperty("alert").GetProperty("id").GetString(), body.GetProperty("alert").GetProperty("severity").GetString(), body.GetProperty("alert").GetProperty("state").GetString(), body.GetProperty("alert").GetProperty("score").GetDouble()));
    }

    [Fact]
    public async Task With_the_default_options_a_delivery_fails_after_ten_attempts_spaced_1_2_4_up_to_256_seconds()
    {
        using var receiver = new ScriptedReceiver([.. Enumerable.Repeat(500, 10)]);
        var delivery = new WebhookDelivery(_http, _time);
        delivery.Enqueue(receiver.Url, "m1", Opened("age"));

        // Attempt k + 1 is due 1 + 2 + … + 2^(k−1) = 2^k − 1 seconds after the first.
        var offsets = new[] { 0, 1, 3, 7, 15, 31, 63, 127, 255, 511 };
        foreach (var offset in offsets)
        {
            Assert.Equal(s_start.AddSeconds(offset), delivery.DueAt);
            if (offset > 0)
            {
                Assert.Equal(0, (await AtAsync(delivery, offset - 0.001)).Attempted);
            }

            Assert.Equal(1, (await AtAsync(delivery, offset)).Attempted);
        }

        Assert.Equal(10, receiver.Requests.Count);
        var failed = Assert.Single(delivery.Failed);
        Assert.Equal((WebhookItemStatus.Failed, 10, 500, s_start.AddSeconds(511)), (failed.Status, failed.Attempts, failed.LastStatusCode, failed.LastAttemptAt));
        Assert.Equal((null, 0), (delivery.DueAt, delivery.Pending.Count));
    }

    [Fact]
    public void The_backoff_doubles_from_one_second_and_stops_at_five_minutes()
    {
        var delays = Enumerable.Range(1, 11).Select(a => WebhookOptions.Default.RetryDelay(a).TotalSeconds);
        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300], delays);
    }

    [Fact]
    public async Task A_400_fails_at_once_and_stays_visible()
    {
        using var receiver = new ScriptedReceiver(400);
        var delivery = new WebhookDelivery(_http, _time);
        delivery.Enqueue(receiver.Url, "m1", Opened("age"));

        Assert.Equal(new WebhookRound(1, 0, 0, 1), await delivery.DeliverDueAsync());
        var failed = Assert.Single(delivery.Failed);
        Assert.Equal((1, 400, "refused with 400"), (failed.Attempts, failed.LastStatusCode, failed.LastError));
        Assert.Null(delivery.DueAt);
        Assert.Equal(0, (await AtAsync(delivery, 3600)).Attempted);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task A_408_and_a_429_are_tried_again()
    {
        using var receiver = new ScriptedReceiver(408, 429, 204);
        var delivery = new WebhookDelivery(_http, _time);
        delivery.Enqueue(receiver.Url, "m1", Opened("age"));

        Assert.Equal(1, (await delivery.DeliverDueAsync()).Retrying);
        Assert.Equal(1, (await AtAsync(delivery, 1)).Retrying);
        Assert.Equal(1, (await AtAsync(delivery, 3)).Delivered);
    }

    [Fact]
    public async Task With_MaxAttempts_3_the_third_failure_marks_it_failed()
    {
        using var receiver = new ScriptedReceiver(502, 502, 502);
        var delivery = new WebhookDelivery(_http, _time, new WebhookOptions { MaxAttempts = 3 });
        delivery.Enqueue(receiver.Url, "m1", Opened("age"));

        await delivery.DeliverDueAsync();
        await AtAsync(delivery, 1);
        Assert.Equal(new WebhookRound(1, 0, 0, 1), await AtAsync(delivery, 3));
        Assert.Equal((3, 502), (delivery.Failed[0].Attempts, delivery.Failed[0].LastStatusCode));
    }

    public void Dispose() => _http.Dispose();

    /// <summary>An "opened" event of a PSI alert on a feature, at 3600 s.</summary>
    internal static AlertEvent Opened(string feature) =>
        new AlertBook().Observe(new AlertObservation("drift", feature, "psi", 0.3, 0.2, false, 0, 3600, 1, 3600))[0];

    /// <summary>Moves fake time to <paramref name="seconds"/> after the start and runs one round.</summary>
    private Task<WebhookRound> AtAsync(WebhookDelivery delivery, double seconds)
    {
        _time.SetUtcNow(s_start.AddSeconds(seconds));
        return delivery.DeliverDueAsync();
    }
}
