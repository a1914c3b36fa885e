using Microsoft.Extensions.Time.Testing;
using OrleansCt.Core.Alerts;
using OrleansCt.Grains.Alerts;
using OrleansCt.Testing;
using static OrleansCt.Hosting.Tests.Alerts.WebhookDeliveryTests;

namespace OrleansCt.Hosting.Tests.Alerts;

public sealed class WebhookDeliveryFailureTests : IDisposable
{
    private static readonly DateTimeOffset s_start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(s_start);
    private readonly HttpClient _http = new();

    [Fact]
    public async Task A_refused_connection_is_tried_again_and_delivered_once_a_receiver_listens()
    {
        var port = FreePorts.Get(1)[0];
        var delivery = new WebhookDelivery(_http, _time);
        delivery.Enqueue(new Uri($"http://127.0.0.1:{port}/hooks/alerts"), "m1", Opened("age"));

        Assert.Equal(new WebhookRound(1, 0, 1, 0), await delivery.DeliverDueAsync());
        var pending = Assert.Single(delivery.Pending);
        Assert.Equal((1, null, s_start.AddSeconds(1)), (pending.Attempts, pending.LastStatusCode, pending.DueAt));
        Assert.False(string.IsNullOrEmpty(pending.LastError));

        using var receiver = ScriptedReceiver.OnPort(port);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(new WebhookRound(1, 1, 0, 0), await delivery.DeliverDueAsync());
        Assert.Equal("m1/drift:age:1/opened", Assert.Single(receiver.Requests).IdempotencyKey);
    }

    [Fact]
    public async Task An_attempt_without_an_answer_times_out_after_10_seconds_of_the_given_time_and_is_tried_again()
    {
        using var receiver = new ScriptedReceiver(ScriptedReceiver.Hang, 200);
        var delivery = new WebhookDelivery(_http, _time);
        delivery.Enqueue(receiver.Url, "m1", Opened("age"));

        var round = delivery.DeliverDueAsync();
        await receiver.NextAsync();
        Assert.Same(round, delivery.DeliverDueAsync());
        _time.Advance(TimeSpan.FromSeconds(9.999));
        Assert.False(round.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(new WebhookRound(1, 0, 1, 0), await round.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(("no answer within 10 s", s_start.AddSeconds(11)), (delivery.Pending[0].LastError, delivery.DueAt));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await delivery.DeliverDueAsync()).Delivered);
    }

    [Fact]
    public async Task Cancelling_a_round_leaves_the_unfinished_attempt_uncounted()
    {
        using var receiver = new ScriptedReceiver(ScriptedReceiver.Hang);
        var delivery = new WebhookDelivery(_http, _time);
        delivery.Enqueue(receiver.Url, "m1", Opened("age"));
        using var cancel = new CancellationTokenSource();

        var round = delivery.DeliverDueAsync(cancel.Token);
        await receiver.NextAsync();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => round.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal((0, s_start), (delivery.Pending[0].Attempts, delivery.DueAt));
    }

    public void Dispose() => _http.Dispose();
}
