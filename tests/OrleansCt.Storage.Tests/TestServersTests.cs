using System.Diagnostics;
using System.Net.Sockets;
using Npgsql;
using OrleansCt.Testing;

namespace OrleansCt.Storage.Tests;

/// <summary>The shared test helpers (OrleansCt.Testing) give what they promise; every test project relies on them.</summary>
public sealed class TestServersTests
{
    [Fact]
    public async Task Each_Postgres_caller_gets_its_own_empty_database()
    {
        var first = await TestServers.CreatePostgresDatabaseAsync("helpers");
        var second = await TestServers.CreatePostgresDatabaseAsync("helpers");

        Assert.NotEqual(new NpgsqlConnectionStringBuilder(first).Database, new NpgsqlConnectionStringBuilder(second).Database);
        await using var connection = new NpgsqlConnection(first);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", connection);
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_started_Redis_answers_PING_and_is_gone_after_dispose()
    {
        var server = await TestServers.StartRedisAsync();
        int? pid = server.ProcessId;
        await using (server)
        {
            var (host, port) = (server.Endpoint.Split(':')[0], int.Parse(server.Endpoint.Split(':')[1]));
            using var client = new TcpClient();
            await client.ConnectAsync(host, port);
            await client.GetStream().WriteAsync("PING\r\n"u8.ToArray());
            var reply = new byte[7];
            var read = await client.GetStream().ReadAtLeastAsync(reply, 7);
            Assert.Equal("+PONG\r\n", System.Text.Encoding.ASCII.GetString(reply, 0, read));
        }

        if (pid is { } id)
        {
            Assert.Throws<ArgumentException>(() => Process.GetProcessById(id));
        }
    }

    [Fact]
    public void Free_ports_are_never_handed_out_twice_in_one_process()
    {
        var ports = FreePorts.Get(5).Concat(FreePorts.Get(5)).ToList();

        Assert.Equal(10, ports.Distinct().Count());
    }

    [Fact]
    public void Test_folders_are_fresh_and_empty()
    {
        var first = TestFolders.Create("same name");
        var second = TestFolders.Create("same name");

        Assert.NotEqual(first, second);
        Assert.Empty(Directory.EnumerateFileSystemEntries(first));
        Assert.StartsWith(TestFolders.Root, first);
    }
}
