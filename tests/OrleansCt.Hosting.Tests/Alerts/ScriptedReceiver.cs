using System.Net;
using System.Threading.Channels;
using OrleansCt.Testing;

namespace OrleansCt.Hosting.Tests.Alerts;

/// <summary>
/// A webhook receiver on a free local port: it records every request, then answers with the next status of its
/// script (200 once the script is spent), or never answers for <see cref="Hang"/>.
/// </summary>
internal sealed class ScriptedReceiver : IDisposable
{
    public const int Hang = 0;

    private readonly HttpListener _listener = new();
    private readonly Queue<int> _script;
    private readonly Channel<ReceivedRequest> _received = Channel.CreateUnbounded<ReceivedRequest>();
    private readonly List<ReceivedRequest> _all = [];
    private readonly Lock _gate = new();

    private ScriptedReceiver(int port, int[] script)
    {
        _script = new Queue<int>(script);
        Url = new Uri($"http://127.0.0.1:{port}/hooks/alerts");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _ = ServeAsync();
    }

    public ScriptedReceiver(params int[] script)
        : this(FreePorts.Get(1)[0], script)
    {
    }

    /// <summary>A receiver on a given port (one a test reserved before anything listened on it).</summary>
    public static ScriptedReceiver OnPort(int port, params int[] script) => new(port, script);

    public Uri Url { get; }

    /// <summary>Every request received so far.</summary>
    public IReadOnlyList<ReceivedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _all];
            }
        }
    }

    /// <summary>Waits for the next request not yet taken (a signal, with a deadline only so a failure ends).</summary>
    public async Task<ReceivedRequest> NextAsync()
    {
        try
        {
            return await _received.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Waited 10 s for request {Requests.Count + 1} at {Url}; it never came.");
        }
    }

    public void Dispose() => _listener.Close();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            var request = new ReceivedRequest(context.Request.Headers["Idempotency-Key"], context.Request.ContentType, await reader.ReadToEndAsync());
            int status;
            lock (_gate)
            {
                _all.Add(request);
                status = _script.TryDequeue(out var next) ? next : 200;
            }

            _received.Writer.TryWrite(request);
            if (status != Hang)
            {
                context.Response.StatusCode = status;
                context.Response.Close();
            }
        }
    }
}

/// <summary>What the receiver saw of one request.</summary>
internal sealed record ReceivedRequest(string? IdempotencyKey, string? ContentType, string Body);
