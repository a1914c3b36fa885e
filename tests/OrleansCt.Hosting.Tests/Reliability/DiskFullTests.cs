using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OrleansCt.Hosting.Tests.Infrastructure;
using OrleansCt.Storage.Sqlite;

namespace OrleansCt.Hosting.Tests.Reliability;

/// <summary>
/// The data folder's disk fills up (the SQLite file is capped with max_page_count: root ignores file permissions, and a
/// loop device needs privileges CI may not have), then space comes back. docs/reliability.md, "A full disk".
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class DiskFullTests
{
    [Fact]
    public async Task A_full_disk_answers_503_keeps_reads_and_recovers_by_itself_with_every_acknowledged_event()
    {
        var silo = await TestSilo.StartAsync("disk-full");
        try
        {
            var outage = new StorageOutage(silo.Http, "full");
            await outage.RegisterAsync();
            for (var i = 0; i < 5; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await outage.SendAsync(i)).StatusCode);
            }

            // SQLite keeps the cap at least the file's size: from here the file cannot grow.
            var database = silo.Services.GetRequiredService<SqliteDatabase>();
            await database.SetMaxPagesAsync(1);

            // Batches go in until the free pages inside the file are used up; the first refused one is the disk filling.
            var number = 5;
            HttpResponseMessage refused;
            while ((refused = await outage.SendAsync(number)).StatusCode == HttpStatusCode.OK)
            {
                Assert.True(++number < 2_000, "2,000 batches went into a file that was capped at its size");
            }

            await StorageOutage.AssertUnavailableAsync(refused, "full");

            // Every other write is refused the same way, and changes nothing.
            await StorageOutage.AssertUnavailableAsync(await outage.SendAsync(number), "full");
            await StorageOutage.AssertUnavailableAsync(
                await silo.Http.PostRaw("v1/models/full/predict", """{"events": [{"id": "p1", "features": {"nswprice": 0.3, "day": "2"}}]}"""), "full");
            await StorageOutage.AssertUnavailableAsync(await silo.Http.PostRaw("v1/models/full/labels", """{"labels": [{"id": "b0-1", "label": "UP"}]}"""), "full");
            await StorageOutage.AssertUnavailableAsync(await silo.Http.PutRaw("v1/models/full", Definitions.Binary), "full");

            // Reads answer from memory: exactly what was acknowledged.
            Assert.Equal((outage.Acknowledged, outage.Acknowledged), await outage.CountsAsync());
            Assert.Equal(HttpStatusCode.OK, (await silo.Http.GetAsync("v1/models/full/stats")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await silo.Http.GetAsync("v1/models/full/drift")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await silo.Http.GetAsync("v1/models")).StatusCode);

            var (status, health) = await outage.HealthAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.True(("failing", "sqlite", "failing", "full") == (health.Status, health.Storage.Kind, health.Storage.Status, health.Storage.Problem), $"health: {health}");

            // Space comes back: health says so at once, and the refused batch goes in on its first retry.
            await database.SetMaxPagesAsync(1_000_000);
            (status, health) = await outage.HealthAsync();
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(("ok", "ok", null), (health.Status, health.Storage.Status, health.Storage.Problem));
            Assert.Equal(HttpStatusCode.OK, (await outage.SendAsync(number)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await outage.SendAsync(number + 1)).StatusCode);
            Assert.Equal((outage.Acknowledged, outage.Acknowledged), await outage.CountsAsync());

            // Nothing was half-written: the file is sound, and a restart counts the same events.
            await using (var check = new SqliteConnection($"Data Source={database.FilePath};Mode=ReadOnly"))
            {
                await check.OpenAsync();
                await using var command = check.CreateCommand();
                command.CommandText = "PRAGMA integrity_check";
                Assert.Equal("ok", await command.ExecuteScalarAsync());
            }

            silo = await silo.RestartAsync();
            Assert.Equal((outage.Acknowledged, outage.Acknowledged), await new StorageOutage(silo.Http, "full").CountsAsync());
        }
        finally
        {
            await silo.DisposeAsync();
        }
    }
}
