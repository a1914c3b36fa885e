using OrleansCt.Core.Registry;

namespace OrleansCt.Core.Tests.Registry;

/// <summary>A model's life in the registry, worked by hand: the online version, two trained ones, a promotion, retention.</summary>
public sealed class ModelRegistryTests
{
    private readonly ModelRegistry _registry = new(new RegistryState());

    [Fact]
    public void A_promotion_is_requested_then_committed_at_its_log_sequence_and_committing_again_changes_nothing()
    {
        Online();
        var first = _registry.Request(Aliases.Champion, "1", "registered", "system");
        Assert.Null(_registry.Holder(Aliases.Champion));
        _registry.Commit(first.Id, sequence: 1, eventTime: 0);
        Assert.Equal("1", _registry.Holder(Aliases.Champion));

        Trained("2", parent: "1");
        var move = _registry.Request(Aliases.Champion, "2", "gate passed: holdout.accuracy 0.84 ≥ 0.80", "ana");

        // Until the control entry is logged the online version still answers.
        Assert.Equal("1", _registry.Holder(Aliases.Champion));
        Assert.Same(move, _registry.Pending);
        var committed = _registry.Commit(move.Id, sequence: 57, eventTime: 1_800);
        Assert.Equal(("2", "1", 57L, 1_800.0), (committed.Version, committed.Previous, committed.Sequence!.Value, committed.EventTime!.Value));
        Assert.Equal("2", _registry.Holder(Aliases.Champion));
        Assert.Null(_registry.Pending);

        // A move re-driven after a crash finds its entry already logged: the same record, no second history entry.
        Assert.Equal(committed, _registry.Commit(move.Id, sequence: 99, eventTime: 9_999));
        Assert.Equal(["1", "2"], _registry.HistoryOf(Aliases.Champion).Select(m => m.Version));
        Assert.Equal([Aliases.Champion], _registry.AliasesOf("2"));
        Assert.Empty(_registry.AliasesOf("1"));
    }

    [Fact]
    public void Only_one_move_is_under_way_and_an_abandoned_one_changes_no_holder()
    {
        Online();
        Trained("2", parent: "1");
        var move = _registry.Request(Aliases.Challenger, "2", "shadow", "coordinator");
        Assert.Throws<InvalidOperationException>(() => _registry.Request(Aliases.Champion, "2", "again", "ana"));
        _registry.Abandon(move.Id);
        Assert.Null(_registry.Pending);
        Assert.Null(_registry.Holder(Aliases.Challenger));
        Assert.Throws<InvalidOperationException>(() => _registry.Commit(move.Id, 3, 0));
    }

    [Fact]
    public void Unknown_aliases_versions_ids_and_parents_are_refused()
    {
        Online();
        Assert.Throws<ArgumentException>(() => _registry.Request("staging", "1", "r", "ana"));
        Assert.Throws<ArgumentException>(() => _registry.Request(Aliases.Champion, "7", "r", "ana"));
        Assert.Throws<ArgumentException>(() => _registry.Add(Version("3", "1")));
        Assert.Throws<ArgumentException>(() => _registry.Add(Version("2", "5")));
        Assert.Null(_registry.Find("0"));
        Assert.Null(_registry.Find("01"));
        Assert.Null(_registry.Find("x"));
    }

    [Fact]
    public void Lineage_runs_from_a_version_back_to_the_first()
    {
        Online();
        Trained("2", parent: "1");
        Trained("3", parent: "2");
        _registry.Add(Version("4", parent: null) with { Trainer = "upload", Trigger = "upload" });
        Assert.Equal(["3", "2", "1"], _registry.Lineage("3"));
        Assert.Equal(["4"], _registry.Lineage("4"));
        Assert.Empty(_registry.Lineage("9"));
    }

    [Fact]
    public void Retention_drops_artifacts_of_versions_that_hold_no_alias_and_are_not_among_the_newest()
    {
        Online();
        for (var id = 2; id <= 6; id++)
        {
            Trained(id.ToString(System.Globalization.CultureInfo.InvariantCulture), parent: "1");
        }

        _registry.Commit(_registry.Request(Aliases.Champion, "3", "gate passed", "coordinator").Id, 10, 100);
        _registry.Request(Aliases.Challenger, "2", "shadow", "coordinator");

        // Versions 1–6; keep the newest 2 (5, 6); 3 is champion, 2 is about to be challenger, 1 has no artifact: only 4 goes.
        Assert.Equal(["4"], _registry.ArtifactsToDrop(keepLast: 2));
        _registry.MarkDropped("4");
        Assert.True(_registry.Find("4")!.Artifact!.Dropped);
        Assert.Empty(_registry.ArtifactsToDrop(keepLast: 2));

        // A version whose bytes are gone cannot take an alias; its record stays.
        _registry.Abandon(_registry.Pending!.Id);
        Assert.Throws<InvalidOperationException>(() => _registry.Request(Aliases.Champion, "4", "rollback", "ana"));
        Assert.Equal("lightgbm", _registry.Find("4")!.Trainer);

        // With the challenger move abandoned, 2 is no longer protected.
        Assert.Equal(["2"], _registry.ArtifactsToDrop(keepLast: 2));
    }

    [Fact]
    public void Tags_are_replaced_whole_or_refused_naming_the_field()
    {
        Online();
        Assert.Empty(_registry.SetTags("1", new Dictionary<string, string> { ["owner"] = "risk-team" }));
        Assert.Equal("risk-team", _registry.Find("1")!.Tags["owner"]);

        var tooMany = Enumerable.Range(0, 33).ToDictionary(i => $"k{i}", _ => "v");
        Assert.Equal("tags", Assert.Single(_registry.SetTags("1", tooMany)).Field);
        Assert.Equal("tags.note", Assert.Single(_registry.SetTags("1", new Dictionary<string, string> { ["note"] = new string('x', 257) })).Field);
        Assert.Equal("tags", Assert.Single(_registry.SetTags("1", new Dictionary<string, string> { [""] = "v" })).Field);
        Assert.Equal("risk-team", _registry.Find("1")!.Tags["owner"]);
    }

    [Fact]
    public void The_state_reads_back_from_its_json_as_it_was_written()
    {
        Online();
        Trained("2", parent: "1");
        _registry.Commit(_registry.Request(Aliases.Champion, "2", "gate passed", "ana").Id, 57, 1_800.5);
        _registry.Request(Aliases.Challenger, "1", "shadow", "ana");

        var json = RegistryStateJson.Write(_registry.State);
        var read = new ModelRegistry(RegistryStateJson.Read(json));

        Assert.Equal(json, RegistryStateJson.Write(read.State));
        Assert.Equal(("2", 1L), (read.Holder(Aliases.Champion), read.Pending!.Id - 1));
        Assert.Equal(0.1 + 0.2, read.Find("2")!.Validation["holdout.accuracy"]);
        Assert.Equal(VersionKind.MlNet, read.Find("2")!.Kind);
        Assert.Contains("\"MlNet\"", System.Text.Encoding.UTF8.GetString(json), StringComparison.Ordinal);
    }

    private void Online() => _registry.Add(new ModelVersion { Id = "1", Kind = VersionKind.Online, Trainer = "online", Trigger = "registration" });

    private void Trained(string id, string parent) => _registry.Add(Version(id, parent));

    private static ModelVersion Version(string id, string? parent) => new()
    {
        Id = id,
        Kind = VersionKind.MlNet,
        Parent = parent,
        Trainer = "lightgbm",
        Seed = 42,
        Trigger = "demand",
        Window = new TrainingWindow(0, 1_800, 1, 40, 6_000, "ab12"),
        Validation = new Dictionary<string, double> { ["holdout.accuracy"] = 0.1 + 0.2 },
        Cost = new TrainingCost(6_000, 100, 0.18),
        Artifact = new ArtifactRef("ab" + id, 1_000),
    };
}
