namespace OrleansCt.Hosting.Tests.Infrastructure;

/// <summary>One silo shared by the API tests; each test uses model names of its own.</summary>
public sealed class SiloFixture : IAsyncLifetime
{
    private TestSilo? _silo;

    public TestSilo Silo => _silo ?? throw new InvalidOperationException("The silo has not started.");

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync("api", new Dictionary<string, string?> { ["OrleansCt:Model:SnapshotUpdates"] = "1" });

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}

/// <summary>Silo tests run one after another: on two cores, parallel silos only slow each other down.</summary>
[CollectionDefinition(Name)]
public sealed class SiloCollection : ICollectionFixture<SiloFixture>
{
    public const string Name = "silo";
}
