using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace OrleansCt.Grains.Alerts;

/// <summary>One POST of a delivery and what its answer means: delivered (2xx), refused (4xx but 408 and 429), or worth another try.</summary>
internal static class WebhookAttempt
{
    public enum Verdict
    {
        Delivered,
        Refused,
        Retry,
        Cancelled,
    }

    public readonly record struct Outcome(Verdict Verdict, int? StatusCode, string? Error);

    public static async Task<Outcome> SendAsync(HttpClient http, TimeProvider time, TimeSpan timeout, WebhookItem item, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, item.Url) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(item.Body)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("Idempotency-Key", HeaderText(item.Key));
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var status = (int)response.StatusCode;
            return status switch
            {
                >= 200 and < 300 => new(Verdict.Delivered, status, null),
                (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500 => new(Verdict.Retry, status, $"answered {status}"),
                _ => new(Verdict.Refused, status, $"refused with {status}"),
            };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new(Verdict.Cancelled, null, null);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return new(Verdict.Retry, null, $"no answer within {timeout.TotalSeconds:0.###} s");
        }
        catch (OperationCanceledException e)
        {
            // HttpClient's own Timeout.
            return new(Verdict.Retry, null, e.Message);
        }
        catch (HttpRequestException e)
        {
            return new(Verdict.Retry, null, e.Message);
        }
    }

    /// <summary>A key as a header value: printable ASCII stays, anything else (and '%') becomes %XX of its UTF-8 bytes.</summary>
    public static string HeaderText(string key)
    {
        var text = new StringBuilder(key.Length);
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            if (b is > 0x20 and < 0x7F and not (byte)'%')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }
}
