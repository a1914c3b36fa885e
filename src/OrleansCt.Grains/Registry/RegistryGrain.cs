using Microsoft.Extensions.Options;
using OrleansCt.Abstractions.Models;
using OrleansCt.Abstractions.Registry;
using OrleansCt.Core.Registry;
using OrleansCt.Grains.Model;
using OrleansCt.Grains.Serving;
using OrleansCt.Grains.Training;
using OrleansCt.Storage;
using OrleansCt.Storage.Artifacts;
using OrleansCt.Storage.Catalog;

namespace OrleansCt.Grains.Registry;

/// <summary>
/// Thin grain over <see cref="ModelRegistry"/>. A model's registry starts with version 1, the online learner, champion from
/// the model's first log entry (its definition, sequence 1); it is written the first time the registry is asked, so models
/// registered before the registry existed get it too. An alias move is stored as requested, logged by the model grain, then
/// stored as committed; a move a crash left between the two is driven to its end when the registry next activates.
/// </summary>
public sealed partial class RegistryGrain(
    [PersistentState("registry", StorageNames.Grain)] IPersistentState<RegistryGrainState> state,
    IModelCatalog catalog,
    IArtifactStore artifacts,
    IOptions<TrainingOptions> options,
    [Microsoft.Extensions.DependencyInjection.FromKeyedServices(Clock.Key)] TimeProvider time) : Grain, IRegistryGrain
{
    private ModelRegistry _registry = new(new RegistryState());

    private string Model => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _registry = new ModelRegistry(state.State.Json is { } json ? RegistryStateJson.Read(json) : new RegistryState());
        if (_registry.Pending is { } pending)
        {
            await DriveAsync(pending);
        }
    }

    public Task Resume() => Task.CompletedTask;

    public async Task<VersionListResponse?> List() => await EnsureSeededAsync() ? VersionViews.List(Model, _registry) : null;

    public async Task<VersionView?> Get(string version) =>
        await EnsureSeededAsync() && _registry.Find(version) is { } found ? VersionViews.Of(found, _registry) : null;

    public async Task<TagsResult> SetTags(string version, Dictionary<string, string> tags)
    {
        if (!await EnsureSeededAsync())
        {
            return new TagsResult(ReadStatus.NotFound, [NotRegistered()], null);
        }

        if (_registry.Find(version) is null)
        {
            return new TagsResult(ReadStatus.NotFound, [UnknownVersion(version)], null);
        }

        var before = state.State.Json;
        if (_registry.SetTags(version, tags) is { Count: > 0 } errors)
        {
            return new TagsResult(ReadStatus.Invalid, errors, null);
        }

        await SaveOrRevertAsync(before);
        return new TagsResult(ReadStatus.Ok, [], VersionViews.Of(_registry.Find(version)!, _registry));
    }

    public async Task<RegisterVersionResult> Register(Immutable<VersionDraft> request)
    {
        var draft = request.Value;
        if (!await EnsureSeededAsync())
        {
            return new RegisterVersionResult(ReadStatus.NotFound, [NotRegistered()], null);
        }

        if (_registry.Versions.FirstOrDefault(v => v.Origin == draft.Origin) is { } existing)
        {
            return new RegisterVersionResult(ReadStatus.Ok, [], VersionViews.Of(existing, _registry));
        }

        if (draft.Parent is { } parent && _registry.Find(parent) is null)
        {
            return new RegisterVersionResult(ReadStatus.Invalid, [new FieldError("parent", $"'{parent}' is not a version of '{Model}'")], null);
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        ArtifactRef? artifact = null;
        if (draft.Artifact is { } bytes)
        {
            var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

            // Stored first, under its SHA-256: should the record below not be written, the same bytes are put again harmlessly.
            await artifacts.PutAsync(Model, ChampionModels.ArtifactKey(sha), bytes, now);
            artifact = new ArtifactRef(sha, bytes.LongLength);
        }

        var before = state.State.Json;
        var version = _registry.Add(VersionViews.FromDraft(draft, _registry.NextId, artifact, now));
        await SaveOrRevertAsync(before);
        await DropOldArtifactsAsync();
        return new RegisterVersionResult(ReadStatus.Ok, [], VersionViews.Of(_registry.Find(version.Id)!, _registry));
    }

    public async Task<AliasResult> Promote(string version, string reason, string by, bool switchReference)
    {
        if (!await EnsureSeededAsync())
        {
            return new AliasResult(ReadStatus.NotFound, [NotRegistered()], null);
        }

        if (_registry.Find(version) is null)
        {
            return new AliasResult(ReadStatus.NotFound, [UnknownVersion(version)], null);
        }

        if (_registry.Holder(Aliases.Champion) == version)
        {
            return new AliasResult(ReadStatus.Invalid, [new FieldError("version", $"version {version} is already the champion of '{Model}'")], null);
        }

        AliasMove move;
        var before = state.State.Json;
        try
        {
            move = _registry.Request(Aliases.Champion, version, reason, by, switchReference);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return new AliasResult(ReadStatus.Invalid, [new FieldError("version", e.Message)], null);
        }

        // Requested and stored before the model logs it: a crash from here on leaves a move the next activation drives to its end.
        await SaveOrRevertAsync(before);
        CrashPoints.Reach(CrashPoints.AliasRequested);
        return await DriveAsync(move);
    }

    public async Task<AliasResult> Rollback(string? to, string reason, string by)
    {
        if (!await EnsureSeededAsync())
        {
            return new AliasResult(ReadStatus.NotFound, [NotRegistered()], null);
        }

        var current = _registry.Holder(Aliases.Champion);
        var target = to ?? _registry.HistoryOf(Aliases.Champion).LastOrDefault()?.Previous;
        if (target is null)
        {
            return new AliasResult(ReadStatus.Invalid, [new FieldError("to", $"version {current} has been the champion of '{Model}' since it was registered: there is no earlier champion to roll back to")], null);
        }

        if (_registry.Find(target) is not { } version)
        {
            return new AliasResult(ReadStatus.NotFound, [new FieldError("to", $"'{target}' is not a version of '{Model}'")], null);
        }

        return await Promote(target, $"rollback from version {current} to version {target}: {reason}", by, switchReference: version.Window is not null);
    }

    /// <summary>Has the model grain log the move (or finds it logged), then commits it; a refused entry abandons the move.</summary>
    private async Task<AliasResult> DriveAsync(AliasMove move)
    {
        var target = move.Version is { } id ? _registry.Find(id) : null;
        var window = move.SwitchReference ? target?.Window : null;
        var promotion = new Promotion(move.Id, move.Version ?? SnapshotFactory.OnlineVersion, target?.Artifact?.Sha256, move.Reason,
            window?.FromTime, window is null ? null : NextUp(window.ToTime));
        var result = await GrainFactory.GetGrain<IModelGrain>(Model).Promote(new(promotion));
        var before = state.State.Json;
        if (result.Status != PromoteStatus.Logged)
        {
            _registry.Abandon(move.Id);
            await SaveOrRevertAsync(before);
            return new AliasResult(result.Status == PromoteStatus.NotFound ? ReadStatus.NotFound : ReadStatus.Invalid, result.Errors, null);
        }

        CrashPoints.Reach(CrashPoints.PromotionLogged);
        var committed = _registry.Commit(move.Id, result.Sequence, result.EventTime);
        await SaveOrRevertAsync(before);
        return new AliasResult(ReadStatus.Ok, [], VersionViews.Move(committed), result.ReferenceProblem);
    }

    /// <summary>The training window's end is inclusive and a reference range is [from, to): the next double up takes the last row too.</summary>
    private static double NextUp(double value) => Math.BitIncrement(value);

    private async Task DropOldArtifactsAsync()
    {
        var drop = _registry.ArtifactsToDrop(options.Value.KeepArtifacts);
        if (drop.Count == 0)
        {
            return;
        }

        foreach (var id in drop)
        {
            var sha = _registry.Find(id)!.Artifact!.Sha256;

            // The same bytes may back a newer version too (a reproduced or re-uploaded zip): those keep them.
            if (!_registry.Versions.Any(v => v.Id != id && v.Artifact is { Dropped: false } a && a.Sha256 == sha && !drop.Contains(v.Id)))
            {
                await artifacts.DropAsync(Model, ChampionModels.ArtifactKey(sha));
            }

            _registry.MarkDropped(id);
        }

        await SaveOrRevertAsync(state.State.Json);
    }

    private async Task SaveOrRevertAsync(byte[]? before)
    {
        try
        {
            state.State.Json = RegistryStateJson.Write(_registry.State);
            await state.WriteStateAsync();
        }
        catch
        {
            // Not stored: the registry in memory goes back to what storage holds.
            state.State.Json = before;
            _registry = new ModelRegistry(before is null ? new RegistryState() : RegistryStateJson.Read(before));
            throw;
        }
    }

    private async Task<bool> EnsureSeededAsync() => _registry.Versions.Count > 0 || await SeedAsync();

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
            Origin = "registration",
            CreatedUnixMs = entry.CreatedUnixMs,
        });
        var move = seeded.Request(Aliases.Champion, SnapshotFactory.OnlineVersion, "registered: the online learner answers from the model's first log entry", "system");
        seeded.Commit(move.Id, sequence: 1, eventTime: null);
        state.State.Json = RegistryStateJson.Write(seeded.State);
        await state.WriteStateAsync();
        _registry = seeded;
        return true;
    }

    private FieldError NotRegistered() => new("model", $"'{Model}' is not registered; PUT /v1/models/{Model} first");

    private FieldError UnknownVersion(string version) =>
        new("version", $"'{(version.Length <= 64 ? version : version[..64] + "…")}' is not a version of '{Model}' (versions 1 to {_registry.Versions.Count})");
}
