using System.Globalization;

namespace OrleansCt.Core.Registry;

/// <summary>
/// A model's versions and aliases (the registry grain's state and rules, without Orleans). Versions are numbered in
/// registration order and never change but for tags and a dropped artifact; an alias moves in two steps — requested, then
/// committed at the log sequence of the control entry that made it take effect — so the log, not this record, says which
/// version answered every row, and a move a crash left half done can be driven again.
/// </summary>
public sealed class ModelRegistry(RegistryState state)
{
    public const int MaxTags = 32;
    public const int MaxTagKeyLength = 64;
    public const int MaxTagValueLength = 256;

    public RegistryState State => state;

    public IReadOnlyList<ModelVersion> Versions => state.Versions;

    public AliasMove? Pending => state.Pending;

    /// <summary>The id the next version registered takes.</summary>
    public string NextId => (state.Versions.Count + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>The version <paramref name="id"/> in its canonical form ("2", never "02"); null when there is none.</summary>
    public ModelVersion? Find(string id) =>
        int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= state.Versions.Count && state.Versions[n - 1].Id == id
            ? state.Versions[n - 1]
            : null;

    /// <summary>Registers <paramref name="version"/>, whose id must be <see cref="NextId"/> and whose parent must be known.</summary>
    public ModelVersion Add(ModelVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (version.Id != NextId)
        {
            throw new ArgumentException($"version id '{version.Id}' is not the next one ('{NextId}')", nameof(version));
        }

        if (version.Parent is { } parent && Find(parent) is null)
        {
            throw new ArgumentException($"parent version '{parent}' is not registered", nameof(version));
        }

        state.Versions.Add(version);
        return version;
    }

    /// <summary>The version holding <paramref name="alias"/> now (committed moves only); null when none does.</summary>
    public string? Holder(string alias) => state.History.LastOrDefault(m => m.Alias == alias)?.Version;

    /// <summary>Every committed move of <paramref name="alias"/>, oldest first.</summary>
    public IReadOnlyList<AliasMove> HistoryOf(string alias) => [.. state.History.Where(m => m.Alias == alias)];

    /// <summary>The aliases <paramref name="id"/> holds now.</summary>
    public IReadOnlyList<string> AliasesOf(string id) => [.. Aliases.All.Where(a => Holder(a) == id)];

    /// <summary>
    /// Requests that <paramref name="alias"/> move to <paramref name="version"/> (null: cleared). Refused while another move is
    /// under way, for an unknown alias or version, and for a trained version whose artifact was dropped.
    /// </summary>
    public AliasMove Request(string alias, string? version, string reason, string by, bool switchReference = false)
    {
        if (!Aliases.IsKnown(alias))
        {
            throw new ArgumentException($"unknown alias '{alias}': use {string.Join(" or ", Aliases.All)}", nameof(alias));
        }

        if (state.Pending is { } pending)
        {
            throw new InvalidOperationException($"move {pending.Id} ({pending.Alias} → {pending.Version ?? "none"}) is still under way");
        }

        if (version is not null)
        {
            var found = Find(version) ?? throw new ArgumentException($"version '{version}' is not registered", nameof(version));
            if (found.Artifact is { Dropped: true })
            {
                throw new InvalidOperationException($"version '{version}' cannot serve: its artifact was dropped by retention");
            }
        }

        var move = new AliasMove(++state.LastMoveId, alias, version, Holder(alias), reason, by) { SwitchReference = switchReference };
        state.Pending = move;
        return move;
    }

    /// <summary>
    /// Commits the pending move <paramref name="moveId"/> at the log sequence and event time of its control entry. Committing a
    /// move again (a re-driven one whose entry was already logged) returns the committed record and changes nothing.
    /// </summary>
    public AliasMove Commit(long moveId, long sequence, double? eventTime)
    {
        if (state.History.FirstOrDefault(m => m.Id == moveId) is { } done)
        {
            return done;
        }

        if (state.Pending is not { } pending || pending.Id != moveId)
        {
            throw new InvalidOperationException($"move {moveId} is not the one under way ({state.Pending?.Id.ToString(CultureInfo.InvariantCulture) ?? "none"})");
        }

        var committed = pending with { Sequence = sequence, EventTime = eventTime };
        state.History.Add(committed);
        state.Pending = null;
        return committed;
    }

    /// <summary>Drops the pending move <paramref name="moveId"/> when its control entry was refused (nothing changed hands).</summary>
    public void Abandon(long moveId)
    {
        if (state.Pending?.Id == moveId)
        {
            state.Pending = null;
        }
    }

    /// <summary><paramref name="id"/> and its ancestors, newest first.</summary>
    public IReadOnlyList<string> Lineage(string id)
    {
        var chain = new List<string>();
        for (var version = Find(id); version is not null && chain.Count <= state.Versions.Count; version = version.Parent is { } p ? Find(p) : null)
        {
            chain.Add(version.Id);
        }

        return chain;
    }

    /// <summary>
    /// The versions whose artifacts retention may drop: stored, and neither holding nor about to take an alias, nor among the
    /// newest <paramref name="keepLast"/> versions.
    /// </summary>
    public IReadOnlyList<string> ArtifactsToDrop(int keepLast)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keepLast);
        var protectedIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var alias in Aliases.All)
        {
            if (Holder(alias) is { } holder)
            {
                protectedIds.Add(holder);
            }
        }

        if (state.Pending?.Version is { } incoming)
        {
            protectedIds.Add(incoming);
        }

        var oldestKept = state.Versions.Count - keepLast;
        return [.. state.Versions
            .Where((v, i) => i < oldestKept && v.Artifact is { Dropped: false } && !protectedIds.Contains(v.Id))
            .Select(v => v.Id)];
    }

    /// <summary>Records that <paramref name="id"/>'s artifact bytes are gone (its record stays).</summary>
    public void MarkDropped(string id)
    {
        var index = IndexOf(id);
        if (state.Versions[index].Artifact is { } artifact)
        {
            state.Versions[index] = state.Versions[index] with { Artifact = artifact with { Dropped = true } };
        }
    }

    /// <summary>Replaces <paramref name="id"/>'s tags; the problems, each naming its field, when they are refused (nothing changed then).</summary>
    public IReadOnlyList<FieldError> SetTags(string id, IReadOnlyDictionary<string, string> tags)
    {
        var errors = new List<FieldError>();
        if (tags.Count > MaxTags)
        {
            errors.Add(new FieldError("tags", $"at most {MaxTags} tags, not {tags.Count}"));
        }

        foreach (var (key, value) in tags)
        {
            if (key.Length is 0 or > MaxTagKeyLength)
            {
                errors.Add(new FieldError("tags", $"a tag name must have 1 to {MaxTagKeyLength} characters ('{key[..Math.Min(key.Length, 20)]}' has {key.Length})"));
            }
            else if (value.Length > MaxTagValueLength)
            {
                errors.Add(new FieldError($"tags.{key}", $"at most {MaxTagValueLength} characters, not {value.Length}"));
            }
        }

        if (errors.Count == 0)
        {
            var index = IndexOf(id);
            state.Versions[index] = state.Versions[index] with { Tags = new Dictionary<string, string>(tags, StringComparer.Ordinal) };
        }

        return errors;
    }

    private int IndexOf(string id) =>
        Find(id) is { } version ? int.Parse(version.Id, CultureInfo.InvariantCulture) - 1 : throw new ArgumentException($"version '{id}' is not registered", nameof(id));
}
