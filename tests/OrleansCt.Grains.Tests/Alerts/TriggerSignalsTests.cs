using OrleansCt.Core.Alerts;
using OrleansCt.Grains.Alerts;

namespace OrleansCt.Grains.Tests.Alerts;

/// <summary>The alert changes a policy can fire on, as the coordinator receives them: opened and escalated only, with the drift features counted at once.</summary>
public sealed class TriggerSignalsTests
{
    [Fact]
    public void Opened_and_escalated_alerts_become_signals_counting_the_features_in_drift_alerts()
    {
        var book = new AlertBook();

        // Threshold 0.1, critical at twice it (the default factor): a at 0.25 and b at 0.2 are critical, c at 0.15 a warning.
        var first = book.Observe(Drift("a", 0.25, 7)).Concat(book.Observe(Drift("b", 0.2, 7))).Concat(book.Observe(Drift("c", 0.15, 7))).ToList();
        var signals = TriggerSignals.Of(first, book);

        Assert.Equal(["drift:a:1/opened", "drift:b:1/opened", "drift:c:1/opened"], signals.Select(s => s.Key));
        Assert.All(signals, s => Assert.Equal((7L, 3, 2, 86_400.0), (s.Sequence, s.DriftWarning, s.DriftCritical, s.EventTime!.Value)));
        Assert.Equal([AlertSeverity.Critical, AlertSeverity.Critical, AlertSeverity.Warning], signals.Select(s => s.Severity));

        // c escalates: one signal, now with three features at critical; an update that changes nothing is no signal.
        var escalated = TriggerSignals.Of(book.Observe(Drift("c", 0.3, 8)), book);
        Assert.Equal(("drift:c:1/escalated", "escalated", 3), (Assert.Single(escalated).Key, escalated[0].Change, escalated[0].DriftCritical));
        Assert.Empty(TriggerSignals.Of(book.Observe(Drift("a", 0.26, 9)), book));
    }

    private static AlertObservation Drift(string feature, double score, long sequence) =>
        new("drift", feature, "psi", score, 0.1, false, 0, 86_400, sequence, 86_400);
}
