using System.Text.Json;
using OrleansCt.Core.Alerts;

namespace OrleansCt.Grains.Alerts;

/// <summary>
/// An outbox of webhook deliveries, POSTed as JSON with an Idempotency-Key header that stays the same on every
/// attempt. A 2xx answer delivers; a 4xx other than 408 and 429 fails at once (the receiver refused it); anything
/// else (5xx, 408, 429, a timeout, no connection) is tried again after 1 s, 2 s, 4 s … (capped), and after
/// <see cref="WebhookOptions.MaxAttempts"/> the delivery is marked failed and kept. Nothing here waits or sleeps:
/// the owner (a grain timer) calls <see cref="DeliverDueAsync"/> at <see cref="DueAt"/>.
/// </summary>
public sealed class WebhookDelivery
{
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly List<WebhookItem> _pending;
    private readonly List<WebhookItem> _failed;
    private Task<WebhookRound> _round = Task.FromResult(new WebhookRound(0, 0, 0, 0));

    public WebhookDelivery(HttpClient http, TimeProvider time, WebhookOptions? options = null, WebhookOutboxState? state = null)
    {
        (_http, _time) = (http ?? throw new ArgumentNullException(nameof(http)), time ?? throw new ArgumentNullException(nameof(time)));
        Options = (options ?? WebhookOptions.Default).Validate();
        _pending = [.. state?.Pending ?? []];
        _failed = [.. state?.Failed ?? []];
        Delivered = state?.Delivered ?? 0;
    }

    public WebhookOptions Options { get; }

    /// <summary>Deliveries still to attempt, in the order they were added.</summary>
    public IReadOnlyList<WebhookItem> Pending => [.. _pending];

    /// <summary>Deliveries given up on, oldest first (at most <see cref="WebhookOptions.MaxFailedKept"/>).</summary>
    public IReadOnlyList<WebhookItem> Failed => [.. _failed];

    /// <summary>Deliveries answered 2xx so far.</summary>
    public long Delivered { get; private set; }

    /// <summary>When the next attempt is due; null when nothing is pending.</summary>
    public DateTimeOffset? DueAt => Heads().Select(i => (DateTimeOffset?)i.DueAt).Min();

    /// <summary>
    /// Adds an alert event for <paramref name="url"/>, due now. Its key is "{model}/{alertId}/{kind}", unique across
    /// models; an event whose key is already pending or failed is not added again (a replay), and false is returned.
    /// </summary>
    public bool Enqueue(Uri url, string model, AlertEvent alertEvent)
    {
        ArgumentNullException.ThrowIfNull(alertEvent);
        var key = $"{model}/{alertEvent.Key}";
        var body = JsonSerializer.Serialize(new AlertWebhookMessage(model, alertEvent.Kind, key, alertEvent.At, alertEvent.Alert), JsonDefaults.Options);
        return Enqueue(url, key, alertEvent.Alert.Id, body);
    }

    /// <summary>Adds a JSON body for <paramref name="url"/> under <paramref name="key"/>, ordered within <paramref name="group"/>; false if the key is already pending or failed.</summary>
    public bool Enqueue(Uri url, string key, string group, string body)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"A webhook URL must be an absolute http or https URL; got '{url}'.", nameof(url));
        }

        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(body);
        if (_pending.Exists(i => i.Key == key) || _failed.Exists(i => i.Key == key))
        {
            return false;
        }

        var now = _time.GetUtcNow();
        _pending.Add(new WebhookItem(key, group, url.AbsoluteUri, body, now, WebhookItemStatus.Pending, 0, now, null, null, null));
        return true;
    }

    /// <summary>
    /// Attempts every delivery that is due once, all at the same time (but one at a time per group), and records
    /// the outcomes. A call while a round is running returns that round. Cancelling leaves unfinished attempts
    /// uncounted and throws once the finished ones are recorded.
    /// </summary>
    public Task<WebhookRound> DeliverDueAsync(CancellationToken cancellationToken = default)
    {
        if (_round.IsCompleted)
        {
            _round = RunAsync(cancellationToken);
        }

        return _round;
    }

    public WebhookOutboxState ToState() => new([.. _pending], [.. _failed], Delivered);

    private async Task<WebhookRound> RunAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var due = Heads().Where(i => i.DueAt <= now).ToList();
        var outcomes = await Task.WhenAll(due.Select(i => WebhookAttempt.SendAsync(_http, _time, Options.AttemptTimeout, i, cancellationToken)));
        var (delivered, retrying, failed) = (0, 0, 0);
        var ended = _time.GetUtcNow();
        for (var i = 0; i < due.Count; i++)
        {
            var (verdict, status, error) = outcomes[i];
            if (verdict == WebhookAttempt.Verdict.Cancelled)
            {
                continue;
            }

            var index = _pending.FindIndex(p => p.Key == due[i].Key);
            var item = due[i] with { Attempts = due[i].Attempts + 1, LastAttemptAt = ended, LastStatusCode = status, LastError = error };
            if (verdict == WebhookAttempt.Verdict.Delivered)
            {
                _pending.RemoveAt(index);
                (Delivered, delivered) = (Delivered + 1, delivered + 1);
            }
            else if (verdict == WebhookAttempt.Verdict.Refused || item.Attempts >= Options.MaxAttempts)
            {
                _pending.RemoveAt(index);
                _failed.Add(item with { Status = WebhookItemStatus.Failed });
                failed++;
            }
            else
            {
                _pending[index] = item with { DueAt = ended + Options.RetryDelay(item.Attempts) };
                retrying++;
            }
        }

        _failed.RemoveRange(0, Math.Max(0, _failed.Count - Options.MaxFailedKept));
        cancellationToken.ThrowIfCancellationRequested();
        return new WebhookRound(delivered + retrying + failed, delivered, retrying, failed);
    }

    /// <summary>The first pending delivery of each group: the only ones that may be attempted.</summary>
    private IEnumerable<WebhookItem> Heads() => _pending.DistinctBy(i => i.Group);
}
