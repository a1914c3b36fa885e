using OrleansCt.Core.Alerts;
using static OrleansCt.Core.Tests.Alerts.Observations;

namespace OrleansCt.Core.Tests.Alerts;

public sealed class AlertBookStateTests
{
    [Fact]
    public void State_round_trips_exactly_through_JSON_and_the_restored_book_carries_on_alike()
    {
        var book = Busy();
        var json = AlertStateJson.Write(book.ToState());
        var restored = AlertBook.FromState(AlertStateJson.Read(json));
        Assert.Equal(json, AlertStateJson.Write(restored.ToState()));
        Assert.Equal(book.Alerts, restored.Alerts);

        // The restored book is mid clear run on "age" and in cooldown on "vicprice": both go on as the original.
        var next = new[] { Psi(9, 0.05, "age"), Psi(9, 0.3), KsP(9, 0.01) };
        foreach (var o in next)
        {
            Assert.Equal(book.Observe(o), restored.Observe(o));
        }

        Assert.Equal(AlertStateJson.Write(book.ToState()), AlertStateJson.Write(restored.ToState()));
    }

    [Fact]
    public void State_writes_enums_as_camelCase_words_and_times_as_seconds()
    {
        var json = AlertStateJson.Write(Busy().ToState());
        Assert.Contains("\"severity\":\"critical\"", json);
        Assert.Contains("\"state\":\"acknowledged\"", json);
        Assert.Contains("\"state\":\"resolved\"", json);
        Assert.Contains("\"openedAt\":3600", json);
    }

    [Fact]
    public void Resolved_alerts_beyond_the_bound_are_dropped_resolved_longest_ago_first_and_ids_go_on()
    {
        var book = new AlertBook(new AlertPolicy(new AlertSpec { ResolveAfter = 1, CooldownSeconds = 0 }, 2));

        // "a" opens first but resolves last; "b" then "c" resolve before it.
        book.Observe(Psi(0, 0.3, "a"));
        book.Observe(Psi(0, 0.3, "b"));
        book.Observe(Psi(0, 0.3, "c"));
        book.Observe(Psi(1, 0.1, "b"));
        book.Observe(Psi(2, 0.1, "c"));
        book.Observe(Psi(3, 0.1, "a"));
        Assert.Equal(["drift:a:1", "drift:c:1"], book.Alerts.Select(a => a.Id).Order());

        // Alert 2 of "b" opens: open alerts are never dropped, and the key's count survives its dropped alert.
        Assert.Equal("drift:b:2", Assert.Single(book.Observe(Psi(4, 0.3, "b"))).Alert.Id);
        Assert.Equal(3, book.Alerts.Count);
        Assert.Equal(AlertDecisionStatus.NotFound, book.Resolve("drift:b:1", "ana", 5 * Hour).Status);
    }

    [Fact]
    public void A_smaller_bound_on_restore_drops_the_excess()
    {
        var state = Busy().ToState();
        Assert.Equal(2, state.Alerts.Count(a => a.State == AlertStatus.Resolved));
        var restored = AlertBook.FromState(state, new AlertPolicy(new AlertSpec(), 1));
        Assert.Single(restored.InState(AlertStatus.Resolved));
        Assert.Equal(state.Alerts.Length - 1, restored.Alerts.Count);
    }

    [Theory]
    [InlineData(nameof(AlertPolicy.Hysteresis))]
    [InlineData(nameof(AlertPolicy.ResolveAfter))]
    [InlineData(nameof(AlertPolicy.CooldownSeconds))]
    [InlineData(nameof(AlertPolicy.CriticalFactor))]
    [InlineData(nameof(AlertPolicy.MaxResolved))]
    public void A_bad_policy_value_is_refused_naming_its_field(string field)
    {
        var policy = field switch
        {
            nameof(AlertPolicy.Hysteresis) => new AlertPolicy(new AlertSpec { Hysteresis = 1 }),
            nameof(AlertPolicy.ResolveAfter) => new AlertPolicy(new AlertSpec { ResolveAfter = 0 }),
            nameof(AlertPolicy.CooldownSeconds) => new AlertPolicy(new AlertSpec { CooldownSeconds = double.NaN }),
            nameof(AlertPolicy.CriticalFactor) => new AlertPolicy(new AlertSpec { CriticalFactor = 0.5 }),
            _ => new AlertPolicy(new AlertSpec(), -1),
        };
        var e = Assert.Throws<ArgumentException>(() => new AlertBook(policy));
        Assert.Equal(field, e.ParamName);
        Assert.Contains(field, e.Message);
    }

    [Fact]
    public void The_default_policy_is_the_documented_one()
    {
        var p = AlertPolicy.Default;
        Assert.Equal((0.1, 3, 3600.0, 2.0, 1000), (p.Hysteresis, p.ResolveAfter, p.CooldownSeconds, p.CriticalFactor, p.MaxResolved));
        Assert.Same(p, p.Validate());
    }

    [Fact]
    public void A_state_whose_alerts_and_keys_disagree_is_refused()
    {
        var state = Busy().ToState();
        var orphan = state with { Keys = [.. state.Keys.Where(k => k.Subject != "age")] };
        Assert.Contains("has no key", Assert.Throws<ArgumentException>(() => AlertBook.FromState(orphan)).Message);

        var twice = state with { Alerts = [.. state.Alerts, state.Alerts[0]] };
        Assert.Contains("listed twice", Assert.Throws<ArgumentException>(() => AlertBook.FromState(twice)).Message);

        var notActive = state with { Keys = [.. state.Keys.Select(k => k with { ActiveId = null })] };
        Assert.Contains("active alert", Assert.Throws<ArgumentException>(() => AlertBook.FromState(notActive)).Message);
    }

    /// <summary>
    /// "vicprice": alert 1 resolved at 4 h (cooldown to 5 h, one suppressed at 4.5 h), "age": alert 1 critical,
    /// acknowledged, one clear evaluation so far; "income" (KS p-values): alert 1 critical, resolved by a person.
    /// </summary>
    private static AlertBook Busy()
    {
        var book = new AlertBook();
        book.FeedPsi(0, 0.3, 0.1, 0.1, 0.1);
        book.Observe(Psi(3, 0.3) with { Sequence = 35, EvaluatedAt = 4.5 * Hour });
        book.Observe(Psi(4, 0.5, "age"));
        book.Acknowledge("drift:age:1", "ana", "on it", 5.5 * Hour);
        book.Observe(Psi(5, 0.1, "age"));
        book.Observe(KsP(5, 0.01, "income"));
        book.Resolve("drift:income:1", "ben", 7 * Hour);
        return book;
    }
}
