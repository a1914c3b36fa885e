using OrleansCt.Core.Alerts;
using static OrleansCt.Core.Tests.Alerts.Observations;

namespace OrleansCt.Core.Tests.Alerts;

public sealed class AlertBookActionTests
{
    [Fact]
    public void An_acknowledged_alert_keeps_updating_and_still_resolves_by_itself()
    {
        var book = new AlertBook();
        book.FeedPsi(0, 0.3);

        var ack = book.Acknowledge("drift:vicprice:1", "ana", "looking at the upstream feed", 1.5 * Hour);
        Assert.True(ack.Ok);
        Assert.Equal((AlertEventKind.Acknowledged, "drift:vicprice:1/acknowledged"), (ack.Event!.Kind, ack.Event.Key));
        Assert.Equal((AlertStatus.Acknowledged, 1.5 * Hour, "ana", "looking at the upstream feed"), (ack.Alert!.State, ack.Alert.AcknowledgedAt, ack.Alert.AcknowledgedBy, ack.Alert.AcknowledgedComment));

        // Still the key's alert: a bad score escalates it, three clear resolve it; the acknowledgement stays on record.
        var events = book.FeedPsi(1, 0.5, 0.1, 0.1, 0.1);
        Assert.Equal([AlertEventKind.Escalated, AlertEventKind.Resolved], events.Select(e => e.Kind));
        var alert = Assert.Single(book.Alerts);
        Assert.Equal((AlertStatus.Resolved, 5 * Hour, null, "ana"), (alert.State, alert.ResolvedAt, alert.ResolvedBy, alert.AcknowledgedBy));
        Assert.Equal((AlertSeverity.Critical, 2L), (alert.Severity, alert.Observations));
    }

    [Fact]
    public void A_manual_resolve_holds_while_the_condition_persists_and_a_new_alert_opens_after_the_cooldown()
    {
        var book = new AlertBook();
        book.FeedPsi(0, 0.3);

        var resolve = book.Resolve("drift:vicprice:1", "ben", 1.25 * Hour);
        Assert.True(resolve.Ok);
        Assert.Equal((AlertEventKind.Resolved, AlertStatus.Resolved, "ben", 1.25 * Hour), (resolve.Event!.Kind, resolve.Alert!.State, resolve.Alert.ResolvedBy, resolve.Alert.ResolvedAt));

        // Cooldown to 2.25 h: the bad evaluation at 2 h is suppressed, the one at 3 h opens alert 2.
        Assert.Empty(book.Observe(Psi(1, 0.3)));
        var opened = Assert.Single(book.Observe(Psi(2, 0.3)));
        Assert.Equal(("drift:vicprice:2", 3 * Hour), (opened.Alert.Id, opened.Alert.OpenedAt));
        Assert.Equal(AlertStatus.Resolved, book.Find("drift:vicprice:1")!.State);
        Assert.Equal(1, book.Key("drift", "vicprice")!.Suppressed);
    }

    [Fact]
    public void Acting_on_an_unknown_id_is_not_found()
    {
        var book = new AlertBook();
        var ack = book.Acknowledge("drift:nothing:1", "ana", null, 0);
        Assert.Equal((AlertDecisionStatus.NotFound, null, null, false), (ack.Status, ack.Alert, ack.Event, ack.Ok));
        Assert.Contains("drift:nothing:1", ack.Error);
        Assert.Equal(AlertDecisionStatus.NotFound, book.Resolve("drift:nothing:1", "ana", 0).Status);
    }

    [Fact]
    public void Acknowledging_or_resolving_a_resolved_alert_is_a_conflict_and_changes_nothing()
    {
        var book = new AlertBook();
        book.FeedPsi(0, 0.3, 0.1, 0.1, 0.1);
        var before = book.ToState();

        var ack = book.Acknowledge("drift:vicprice:1", "ana", null, 9 * Hour);
        var resolve = book.Resolve("drift:vicprice:1", "ana", 9 * Hour);
        Assert.Equal((AlertDecisionStatus.Conflict, AlertDecisionStatus.Conflict), (ack.Status, resolve.Status));
        Assert.Contains("already resolved", ack.Error);
        Assert.Equal(AlertStatus.Resolved, ack.Alert!.State);
        Assert.Equal(AlertStateJson.Write(before), AlertStateJson.Write(book.ToState()));
    }

    [Fact]
    public void Acknowledging_twice_is_a_conflict_naming_who_did_it_first()
    {
        var book = new AlertBook();
        book.FeedPsi(0, 0.3);
        Assert.True(book.Acknowledge("drift:vicprice:1", "ana", null, Hour).Ok);

        var again = book.Acknowledge("drift:vicprice:1", "ben", "me too", 2 * Hour);
        Assert.Equal(AlertDecisionStatus.Conflict, again.Status);
        Assert.Contains("ana", again.Error);
        Assert.Equal(("ana", null), (book.Alerts[0].AcknowledgedBy, book.Alerts[0].AcknowledgedComment));
    }

    [Fact]
    public void An_action_by_nobody_is_invalid()
    {
        var book = new AlertBook();
        book.FeedPsi(0, 0.3);
        Assert.Equal(AlertDecisionStatus.Invalid, book.Acknowledge("drift:vicprice:1", " ", null, Hour).Status);
        Assert.Equal(AlertDecisionStatus.Invalid, book.Resolve("drift:vicprice:1", "", Hour).Status);
        Assert.Equal(AlertStatus.Open, book.Alerts[0].State);
    }
}
