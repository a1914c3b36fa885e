using System.Net;
using OrleansCt.Hosting.Tests.Infrastructure;
using OrleansCt.Testing;

namespace OrleansCt.Hosting.Tests.Reliability;

/// <summary>The PostgreSQL server under a silo stops (fast shutdown, connections cut) and starts again. docs/reliability.md, "PostgreSQL stopped".</summary>
[Collection(SiloCollection.Name)]
public sealed class PostgresStoppedTests
{
    [Fact]
    public async Task A_stopped_database_answers_503_keeps_reads_in_memory_and_recovers_with_every_acknowledged_event()
    {
        await using var server = await TestServers.StartOwnPostgresAsync();
        var settings = new Dictionary<string, string?>
        {
            ["OrleansCt:Storage:Kind"] = "postgres",
            ["OrleansCt:Storage:ConnectionString"] = server.AdminConnectionString,
        };
        var silo = await TestSilo.StartAsync("pg-stopped", settings);
        try
        {
            var outage = new StorageOutage(silo.Http, "stopped");
            await outage.RegisterAsync();
            for (var i = 0; i < 5; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await outage.SendAsync(i)).StatusCode);
            }

            // Reads bring the model's state and its feature windows into memory.
            await StorageOutage.AssertOkAsync(await silo.Http.GetAsync("v1/models/stopped/drift"));
            await server.StopServerAsync();

            // Writes: 503 naming the storage, nothing stored.
            await StorageOutage.AssertUnavailableAsync(await outage.SendAsync(5), "cannot be reached");
            await StorageOutage.AssertUnavailableAsync(await outage.SendAsync(5), "cannot be reached");
            await StorageOutage.AssertUnavailableAsync(await silo.Http.PostRaw("v1/models/stopped/labels", """{"labels": [{"id": "b0-1", "label": "UP"}]}"""), "cannot be reached");

            // Reads of what is in memory answer; what only the database holds (the catalog, a model not loaded) is a 503 too, not a 500.
            Assert.Equal((outage.Acknowledged, outage.Acknowledged), await outage.CountsAsync());
            await StorageOutage.AssertOkAsync(await silo.Http.GetAsync("v1/models/stopped/stats"));
            await StorageOutage.AssertOkAsync(await silo.Http.GetAsync("v1/models/stopped/drift"));
            await StorageOutage.AssertUnavailableAsync(await silo.Http.GetAsync("v1/models"), "cannot be reached");
            await StorageOutage.AssertUnavailableAsync(await silo.Http.GetAsync("v1/models/never-loaded"), "cannot be reached");

            var (status, health) = await outage.HealthAsync();
            Assert.True(
                (HttpStatusCode.ServiceUnavailable, "failing", "postgres", "unreachable") == (status, health.Status, health.Storage.Kind, health.Storage.Problem),
                $"health: {status} {health}");

            // The server is back: health at once, the refused batch on its first retry, without a silo restart.
            await server.StartServerAsync();
            (status, health) = await outage.HealthAsync();
            Assert.True((HttpStatusCode.OK, "ok") == (status, health.Status), $"health: {status} {health}");
            Assert.Equal(HttpStatusCode.OK, (await outage.SendAsync(5)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await outage.SendAsync(6)).StatusCode);
            Assert.Equal((outage.Acknowledged, outage.Acknowledged), await outage.CountsAsync());
            Assert.Equal(HttpStatusCode.OK, (await silo.Http.GetAsync("v1/models")).StatusCode);

            silo = await silo.RestartAsync();
            Assert.Equal((outage.Acknowledged, outage.Acknowledged), await new StorageOutage(silo.Http, "stopped").CountsAsync());
        }
        finally
        {
            await silo.DisposeAsync();
        }
    }
}
