using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using OrleansCt.Core.Alerts;
using OrleansCt.Grains.Alerts;
using static OrleansCt.Hosting.Tests.Alerts.WebhookDeliveryTests;

namespace OrleansCt.Hosting.Tests.Alerts;

public sealed class WebhookDeliveryOutboxTests : IDisposable
{
    private static readonly DateTimeOffset s_start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(s_start);
    private readonly HttpClient _http = new();

    [Fact]
    public async Task An_alerts_later_event_waits_for_its_earlier_one_while_other_alerts_go_ahead()
    {
        using var first = new ScriptedReceiver(500);
        using var second = new ScriptedReceiver();
        var book = new AlertBook();
        var opened = book.Observe(new AlertObservation("drift", "age", "psi", 0.3, 0.2, false, 0, 3600, 1, 3600))[0];
        var resolved = book.Resolve(opened.Alert.Id, "ana", 4000).Event!;
        var delivery = new WebhookDelivery(_http, _time);
        delivery.Enqueue(first.Url, "m1", opened);
        delivery.Enqueue(first.Url, "m1", resolved);
        delivery.Enqueue(second.Url, "m1", Opened("income"));

        Assert.Equal(new WebhookRound(2, 1, 1, 0), await delivery.DeliverDueAsync());
        Assert.Single(first.Requests);
        Assert.Equal(s_start.AddSeconds(1), delivery.DueAt);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(new WebhookRound(1, 1, 0, 0), await delivery.DeliverDueAsync());
        Assert.Equal(s_start, delivery.DueAt);
        Assert.Equal(new WebhookRound(1, 1, 0, 0), await delivery.DeliverDueAsync());
        Assert.Equal(["m1/drift:age:1/opened", "m1/drift:age:1/opened", "m1/drift:age:1/resolved"], first.Requests.Select(r => r.IdempotencyKey));
        Assert.Equal("ana", JsonDocument.Parse(first.Requests[2].Body).RootElement.GetProperty("alert").GetProperty("resolvedBy").GetString());
    }

    [Fact]
    public async Task An_event_already_pending_or_failed_is_not_added_again()
    {
        using var receiver = new ScriptedReceiver(400);
        var delivery = new WebhookDelivery(_http, _time);
        var opened = Opened("age");
        Assert.True(delivery.Enqueue(receiver.Url, "m1", opened));
        Assert.False(delivery.Enqueue(receiver.Url, "m1", opened));
        await delivery.DeliverDueAsync();
        Assert.False(delivery.Enqueue(receiver.Url, "m1", opened));

        // Another model's alert with the same id is another event.
        Assert.True(delivery.Enqueue(receiver.Url, "m2", opened));
    }

    [Fact]
    public async Task The_outbox_restored_from_its_state_goes_on_with_the_same_keys_and_schedule()
    {
        using var receiver = new ScriptedReceiver(500, 400);
        var delivery = new WebhookDelivery(_http, _time);
        delivery.Enqueue(receiver.Url, "m1", Opened("age"));
        delivery.Enqueue(receiver.Url, "m1", Opened("income"));
        _time.Advance(TimeSpan.FromSeconds(5));
        await delivery.DeliverDueAsync();
        var state = delivery.ToState();
        Assert.Equal((1, 1, 0L), (state.Pending.Length, state.Failed.Length, state.Delivered));

        var restored = new WebhookDelivery(_http, _time, state: state);
        Assert.Equal(delivery.Pending, restored.Pending);
        Assert.Equal(delivery.Failed, restored.Failed);
        Assert.Equal(s_start.AddSeconds(6), restored.DueAt);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await restored.DeliverDueAsync()).Delivered);
        Assert.Equal(2, receiver.Requests.Select(r => r.IdempotencyKey).Distinct().Count());
        Assert.Equal(3, receiver.Requests.Count);
    }

    [Fact]
    public async Task A_key_outside_printable_ASCII_is_percent_encoded_in_the_header()
    {
        using var receiver = new ScriptedReceiver();
        var delivery = new WebhookDelivery(_http, _time);
        delivery.Enqueue(receiver.Url, "m1", Opened("âge mois"));
        await delivery.DeliverDueAsync();

        var request = Assert.Single(receiver.Requests);
        Assert.Equal("m1/drift:%C3%A2ge%20mois:1/opened", request.IdempotencyKey);
        Assert.Equal("m1/drift:âge mois:1/opened", JsonDocument.Parse(request.Body).RootElement.GetProperty("key").GetString());
    }

    [Fact]
    public void A_url_that_is_not_absolute_http_and_bad_options_are_refused()
    {
        var delivery = new WebhookDelivery(_http, _time);
        Assert.Throws<ArgumentException>(() => delivery.Enqueue(new Uri("/hooks", UriKind.Relative), "m1", Opened("age")));
        Assert.Throws<ArgumentException>(() => delivery.Enqueue(new Uri("ftp://127.0.0.1/hooks"), "m1", Opened("age")));
        Assert.Empty(delivery.Pending);

        var e = Assert.Throws<ArgumentException>(() => new WebhookDelivery(_http, _time, new WebhookOptions { MaxAttempts = 0 }));
        Assert.Equal(nameof(WebhookOptions.MaxAttempts), e.ParamName);
        e = Assert.Throws<ArgumentException>(() => new WebhookDelivery(_http, _time, new WebhookOptions { MaxRetryDelay = TimeSpan.FromMilliseconds(10) }));
        Assert.Equal(nameof(WebhookOptions.MaxRetryDelay), e.ParamName);
    }

    public void Dispose() => _http.Dispose();
}
