using System.Net;
using Microsoft.Extensions.Time.Testing;
using OrleansCt.Client;
using OrleansCt.Core.Schema;
using OrleansCt.Hosting.Tests.Infrastructure;

namespace OrleansCt.Hosting.Tests;

[Collection(SiloCollection.Name)]
public sealed class ClientTests(SiloFixture fixture)
{
    private static ModelDefinition Binary => System.Text.Json.JsonSerializer.Deserialize<ModelDefinition>(Definitions.Binary, JsonDefaults.Options)!;

    private OrleansCtClient Client(ClientOptions? options = null, HttpMessageHandler? handler = null) =>
        new(new HttpClient(handler ?? new SocketsHttpHandler()) { BaseAddress = fixture.Silo.Http.BaseAddress }, options);

    private static EventInput Event(string id, double price, string? label = null) =>
        new(id, new Dictionary<string, object?> { ["nswprice"] = price, ["day"] = "2" }) { Label = label };

    [Fact]
    public async Task The_client_registers_a_model_and_reads_it_back_typed()
    {
        var client = Client();
        var stored = await client.RegisterModelAsync("client-typed", Binary);
        var model = await client.GetModelAsync("client-typed");

        Assert.Equal(ModelTask.Binary, stored.Task);
        Assert.Equal("1", model.Champion);
        Assert.Contains((await client.ListModelsAsync()).Models, m => m.Name == "client-typed");
    }

    [Fact]
    public async Task A_refused_request_raises_the_problem_with_its_fields_and_is_not_retried()
    {
        var counter = new CountingHandler();
        var client = Client(handler: counter);
        await client.RegisterModelAsync("client-refused", Binary);

        var error = await Assert.ThrowsAsync<OrleansCtException>(() => client.PredictAsync("client-refused", [new("x", new Dictionary<string, object?> { ["day"] = "1" })]));
        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal("events[0].features.nswprice", error.Problem!.Errors![0].Field);
        Assert.Equal(2, counter.Requests);
    }

    [Fact]
    public async Task The_batcher_sends_a_batch_when_it_is_full_and_the_rest_on_flush()
    {
        var client = Client(new ClientOptions { MaxBatchSize = 10, MaxBatchDelay = TimeSpan.FromHours(1) });
        await client.RegisterModelAsync("client-size", Binary);
        await using var batcher = client.CreateBatcher("client-size");

        var answers = Enumerable.Range(0, 25).Select(i => batcher.AddEventAsync(Event($"s{i}", i / 25.0, "UP"))).ToList();
        await Task.WhenAll(answers.Take(20));
        Assert.False(answers[24].IsCompleted);
        await batcher.FlushAsync();

        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"s{i}"), answers.Select(a => a.Result.Id));
        var model = await client.GetModelAsync("client-size");
        Assert.Equal(25, model.Events);
        // One definition entry, then three batches: 10, 10 and 5 events.
        Assert.Equal(4, model.LastSequence);
    }

    [Fact]
    public async Task The_batcher_sends_a_partial_batch_once_its_first_item_has_waited_the_delay()
    {
        var time = new FakeTimeProvider();
        var client = Client(new ClientOptions { MaxBatchSize = 1_000, MaxBatchDelay = TimeSpan.FromMilliseconds(100), Time = time });
        await client.RegisterModelAsync("client-time", Binary);
        await using var batcher = client.CreateBatcher("client-time");

        var first = batcher.AddEventAsync(Event("t1", 0.1));
        var label = batcher.AddLabelAsync(new LabelInput("t1", "DOWN"));
        time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(first.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal("t1", (await first).Id);
        Assert.Equal(1, (await label).Joined);
    }

    [Fact]
    public async Task A_retry_after_a_lost_answer_resends_the_same_ids_and_nothing_is_counted_twice()
    {
        var lossy = new LoseFirstAnswerHandler();
        var client = Client(new ClientOptions { RetryDelay = TimeSpan.FromMilliseconds(1) }, lossy);
        await client.RegisterModelAsync("client-retry", Binary);

        var answer = await client.SendEventsAsync("client-retry", [Event("r1", 0.3, "UP"), Event("r2", 0.6, "DOWN")]);

        Assert.Equal(1, lossy.Lost);
        Assert.Equal(2, answer.Duplicates);
        var model = await client.GetModelAsync("client-retry");
        Assert.Equal((2, 2L), (model.Events, model.LearnerUpdates));
    }

    private sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        public int Requests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>Delivers the first events request to the server, then loses its answer, as a dropped connection would.</summary>
    private sealed class LoseFirstAnswerHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        public int Lost { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (Lost == 0 && request.RequestUri!.AbsolutePath.EndsWith("/events", StringComparison.Ordinal))
            {
                Lost++;
                response.Dispose();
                throw new HttpRequestException("connection reset (simulated after the server stored the batch)");
            }

            return response;
        }
    }
}
