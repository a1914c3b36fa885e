using OrleansCt.Abstractions.Training;
using OrleansCt.Core.Alerts;

namespace OrleansCt.Grains.Alerts;

/// <summary>The alert changes a retraining policy can fire on — an alert opened or escalated — as signals for the coordinator.</summary>
internal static class TriggerSignals
{
    public static List<TriggerSignal> Of(IReadOnlyList<AlertEvent> changes, AlertBook book)
    {
        var fired = changes.Where(c => c.Kind is AlertEventKind.Opened or AlertEventKind.Escalated).ToList();
        if (fired.Count == 0)
        {
            return [];
        }

        // Features in a drift alert at once, counted once this call's changes are made: a policy's minFeatures reads them.
        var drift = book.Active.Where(a => a.Kind == "drift").ToList();
        var warning = drift.Select(a => a.Subject).Distinct(StringComparer.Ordinal).Count();
        var critical = drift.Where(a => a.Severity == AlertSeverity.Critical).Select(a => a.Subject).Distinct(StringComparer.Ordinal).Count();
        return [.. fired.Select(c => new TriggerSignal(
            c.Key, TriggerSignal.Alert, c.Alert.Kind, c.Alert.Subject, c.Alert.Severity, AlertEvent.KindName(c.Kind), c.Alert.LastSequence,
            c.Alert.WindowEnd, warning, critical))];
    }
}
