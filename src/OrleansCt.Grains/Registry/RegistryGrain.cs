using OrleansCt.Abstractions.Models;
using OrleansCt.Abstractions.Registry;
using OrleansCt.Core.Registry;
using OrleansCt.Grains.Model;
using OrleansCt.Storage;
using OrleansCt.Storage.Catalog;

namespace OrleansCt.Grains.Registry;

/// <summary>
/// Thin grain over <see cref="ModelRegistry"/>. A model's registry starts with version 1, the online learner, champion from
/// the model's first log entry (its definition, sequence 1); it is written the first time the registry is asked, so models
/// registered before the registry existed get it too.
/// </summary>
public sealed class RegistryGrain(
    [PersistentState("registry", StorageNames.Grain)] IPersistentState<RegistryGrainState> state,
    IModelCatalog catalog) : Grain, IRegistryGrain
{
    private ModelRegistry _registry = new(new RegistryState());

    private string Model => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _registry = new ModelRegistry(state.State.Json is { } json ? RegistryStateJson.Read(json) : new RegistryState());
        return Task.CompletedTask;
    }

    public async Task<VersionListResponse?> List()
    {
        if (_registry.Versions.Count == 0 && !await SeedAsync())
        {
            return null;
        }

        return VersionViews.List(Model, _registry);
    }

    public async Task<TagsResult> SetTags(string version, Dictionary<string, string> tags)
    {
        if (_registry.Versions.Count == 0 && !await SeedAsync())
        {
            return new TagsResult(ReadStatus.NotFound, [new FieldError("model", $"'{Model}' is not registered; PUT /v1/models/{Model} first")], null);
        }

        if (_registry.Find(version) is null)
        {
            return new TagsResult(ReadStatus.NotFound, [new FieldError("version", $"'{version}' is not a version of '{Model}' (versions 1 to {_registry.Versions.Count})")], null);
        }

        var before = state.State.Json;
        if (_registry.SetTags(version, tags) is { Count: > 0 } errors)
        {
            return new TagsResult(ReadStatus.Invalid, errors, null);
        }

        try
        {
            state.State.Json = RegistryStateJson.Write(_registry.State);
            await state.WriteStateAsync();
        }
        catch
        {
            // Not stored: the registry in memory goes back to what storage holds.
            state.State.Json = before;
            _registry = new ModelRegistry(RegistryStateJson.Read(before!));
            throw;
        }
        return new TagsResult(ReadStatus.Ok, [], VersionViews.List(Model, _registry).Versions.Single(v => v.Version == version));
    }

    /// <summary>Version 1 and its champion move, once the model is registered; false while it is not.</summary>
    private async Task<bool> SeedAsync()
    {
        if (await catalog.GetAsync(Model) is not { } entry)
        {
            return false;
        }

        var seeded = new ModelRegistry(new RegistryState());
        seeded.Add(new ModelVersion
        {
            Id = SnapshotFactory.OnlineVersion,
            Kind = VersionKind.Online,
            Trainer = "online",
            Trigger = "registration",
            Reason = "the online learner every model starts with",
            CreatedUnixMs = entry.CreatedUnixMs,
        });
        var move = seeded.Request(Aliases.Champion, SnapshotFactory.OnlineVersion, "registered: the online learner answers from the model's first log entry", "system");
        seeded.Commit(move.Id, sequence: 1, eventTime: null);
        state.State.Json = RegistryStateJson.Write(seeded.State);
        await state.WriteStateAsync();
        _registry = seeded;
        return true;
    }
}
