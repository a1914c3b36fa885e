using Orleans.Storage;
using OrleansCt.Storage.Artifacts;
using OrleansCt.Storage.Catalog;
using OrleansCt.Storage.Log;

namespace OrleansCt.Storage.Tests;

/// <summary>One backend opened on one location: its log, catalog, artifact store and grain storage, and the owner that closes them.</summary>
public sealed record StorageUnderTest(IEventLog Log, IModelCatalog Catalog, IArtifactStore Artifacts, IGrainStorage Grains, IAsyncDisposable Owner) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Owner.DisposeAsync();
}
