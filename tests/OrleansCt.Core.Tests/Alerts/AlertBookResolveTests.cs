using OrleansCt.Core.Alerts;
using static OrleansCt.Core.Tests.Alerts.Observations;

namespace OrleansCt.Core.Tests.Alerts;

public sealed class AlertBookResolveTests
{
    [Fact]
    public void Three_clear_evaluations_in_a_row_resolve_the_alert_on_the_third()
    {
        var book = new AlertBook();

        // Threshold 0.2, hysteresis 0.1: clear below 0.2·0.9 = 0.18.
        var events = book.FeedPsi(0, 0.3, 0.1, 0.17);
        Assert.Single(events);
        var resolved = Assert.Single(book.FeedPsi(3, 0.05));
        Assert.Equal(AlertEventKind.Resolved, resolved.Kind);
        Assert.Equal((AlertStatus.Resolved, 4 * Hour, null), (resolved.Alert.State, resolved.Alert.ResolvedAt, resolved.Alert.ResolvedBy));
        Assert.Equal(4 * Hour, resolved.At);
        Assert.Equal("drift:vicprice:1/resolved", resolved.Key);

        // The latest bad observation stays the alert's score.
        Assert.Equal((0.3, 0L, 1L), (resolved.Alert.Score, resolved.Alert.LastSequence, resolved.Alert.Observations));
        Assert.Empty(book.Active);
    }

    [Fact]
    public void Scores_in_the_hysteresis_band_keep_the_alert_open_and_break_the_clear_run()
    {
        var book = new AlertBook();

        // 0.19 is under the threshold but not under 0.18: not clear. Two clear, one in the band, two clear: still open.
        var events = book.FeedPsi(0, 0.3, 0.19, 0.19, 0.1, 0.1, 0.19, 0.1, 0.1);
        Assert.Single(events);
        Assert.Equal(AlertStatus.Open, book.Alerts[0].State);
        Assert.Equal(2, book.Key("drift", "vicprice")!.ClearRun);

        Assert.Equal(AlertEventKind.Resolved, Assert.Single(book.FeedPsi(8, 0.1)).Kind);
    }

    [Fact]
    public void A_bad_score_breaks_the_clear_run()
    {
        var book = new AlertBook();
        Assert.Single(book.FeedPsi(0, 0.3, 0.1, 0.1, 0.25, 0.1, 0.1));
        Assert.Equal((AlertStatus.Open, 2L), (book.Alerts[0].State, book.Alerts[0].Observations));
    }

    [Fact]
    public void Cooldown_suppresses_bad_scores_for_an_hour_after_resolution_then_a_new_alert_opens()
    {
        var book = new AlertBook();
        book.FeedPsi(0, 0.3, 0.1, 0.1, 0.1);

        // Resolved at 4 h (evaluation 3); cooldown 3600 s: evaluations at 4 h and 4.5 h are within it.
        Assert.Empty(book.Observe(Psi(3, 0.3) with { Sequence = 35, EvaluatedAt = 4 * Hour }));
        Assert.Empty(book.Observe(Psi(3, 0.3) with { Sequence = 36, EvaluatedAt = 4.5 * Hour }));
        Assert.Equal(2, book.Key("drift", "vicprice")!.Suppressed);

        // At 5 h exactly the hour has passed.
        var opened = Assert.Single(book.Observe(Psi(4, 0.3)));
        Assert.Equal(("drift:vicprice:2", AlertEventKind.Opened, 5 * Hour), (opened.Alert.Id, opened.Kind, opened.Alert.OpenedAt));
        Assert.Equal(2, book.Alerts.Count);
    }

    [Fact]
    public void An_observations_longer_cooldown_holds_the_key_past_the_policys()
    {
        var book = new AlertBook();
        book.FeedPsi(0, 0.3, 0.1, 0.1, 0.1);

        // Resolved at 4 h; the observations ask for a day (a one-day drift window), longer than the policy's hour: 5 h and 27.5 h
        // are within it, 28 h = 4 h + 24 h is not.
        var daily = (int n, double at) => Psi(n, 0.3) with { Sequence = 40 + n, EvaluatedAt = at * Hour, MinCooldown = 24 * Hour };
        Assert.Empty(book.Observe(daily(4, 5)));
        Assert.Empty(book.Observe(daily(5, 27.5)));
        Assert.Equal(2, book.Key("drift", "vicprice")!.Suppressed);
        var opened = Assert.Single(book.Observe(daily(6, 28)));
        Assert.Equal(("drift:vicprice:2", 28 * Hour), (opened.Alert.Id, opened.Alert.OpenedAt));

        // A shorter one than the policy's changes nothing: the policy's hour still holds.
        var other = new AlertBook();
        other.FeedPsi(0, 0.3, 0.1, 0.1, 0.1);
        Assert.Empty(other.Observe(Psi(3, 0.3) with { Sequence = 35, EvaluatedAt = 4.5 * Hour, MinCooldown = 60 }));
    }

    [Fact]
    public void Clear_scores_during_cooldown_are_not_suppressions()
    {
        var book = new AlertBook();
        book.FeedPsi(0, 0.3, 0.1, 0.1, 0.1);
        Assert.Empty(book.Observe(Psi(3, 0.1) with { Sequence = 35, EvaluatedAt = 4 * Hour }));
        Assert.Equal(0, book.Key("drift", "vicprice")!.Suppressed);
    }

    [Fact]
    public void P_values_alert_below_the_threshold_with_the_band_above_it()
    {
        var book = new AlertBook();

        // α 0.05: 0.05 itself is not below; 0.04 opens a warning; 0.025 = 0.05/2 is critical.
        Assert.Empty(book.Observe(KsP(0, 0.05)));
        var opened = Assert.Single(book.Observe(KsP(1, 0.04)));
        Assert.Equal((AlertSeverity.Warning, true), (opened.Alert.Severity, opened.Alert.AlertsBelow));
        var escalated = Assert.Single(book.Observe(KsP(2, 0.025)));
        Assert.Equal((AlertEventKind.Escalated, AlertSeverity.Critical), (escalated.Kind, escalated.Alert.Severity));
        Assert.Empty(book.Observe(KsP(3, 0.03)));
        Assert.Equal((0.03, 0.025), (book.Alerts[0].Score, book.Alerts[0].PeakScore));

        // Clear above 0.05·1.1 = 0.055: 0.054 is in the band, then three clear.
        Assert.Empty(book.Observe(KsP(4, 0.054)));
        Assert.Empty(book.Observe(KsP(5, 0.2)));
        Assert.Empty(book.Observe(KsP(6, 0.054)));
        Assert.Empty(book.Observe(KsP(7, 0.3)));
        Assert.Empty(book.Observe(KsP(8, 0.06)));
        var resolved = Assert.Single(book.Observe(KsP(9, 0.9)));
        Assert.Equal((AlertEventKind.Resolved, 10 * Hour), (resolved.Kind, resolved.Alert.ResolvedAt));
    }

    [Fact]
    public void A_policy_changes_the_band_the_run_and_the_factor()
    {
        var book = new AlertBook(new AlertPolicy(new AlertSpec { Hysteresis = 0, ResolveAfter = 1, CriticalFactor = 1.5 }));

        // 0.31 is beyond 1.5 × 0.2 = 0.3, so critical; without a band 0.19 is clear, and one clear evaluation resolves.
        Assert.Equal(AlertSeverity.Warning, Assert.Single(book.Observe(Psi(0, 0.29))).Alert.Severity);
        Assert.Equal(AlertSeverity.Critical, Assert.Single(book.Observe(Psi(1, 0.31))).Alert.Severity);
        Assert.Equal(AlertEventKind.Resolved, Assert.Single(book.Observe(Psi(2, 0.19))).Kind);
    }
}
