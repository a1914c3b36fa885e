using System.Diagnostics.CodeAnalysis;

namespace OrleansCt.Core.Alerts;

/// <summary>The book's checkpoint: <see cref="ToState"/> and <see cref="FromState"/> round-trip exactly.</summary>
public sealed partial class AlertBook
{
    public AlertBookState ToState() => new(
        [.. _keys.Values.OrderBy(k => k.Kind, StringComparer.Ordinal).ThenBy(k => k.Subject, StringComparer.Ordinal)],
        [.. _order.Select(id => _alerts[id])]);

    /// <summary>
    /// Restores a state made by <see cref="ToState"/> under <paramref name="policy"/> (the default if null); a
    /// smaller <see cref="AlertPolicy.MaxResolved"/> than the state was kept under drops the oldest resolved alerts.
    /// Throws an <see cref="ArgumentException"/> naming the first thing that cannot be right.
    /// </summary>
    public static AlertBook FromState(AlertBookState state, AlertPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        var book = new AlertBook(policy);
        foreach (var key in state.Keys)
        {
            Require(key is not null && key.Kind is not null && key.Subject is not null, "a key is null or lacks its kind or subject");
            Require(book._keys.TryAdd((key.Kind, key.Subject), key), $"key {key.Kind}/{key.Subject} is listed twice");
            Require(key.Opened >= 0 && key.ClearRun >= 0 && key.Suppressed >= 0, $"key {key.Kind}/{key.Subject} has a negative count");
        }

        foreach (var alert in state.Alerts)
        {
            Require(alert is not null, "an alert is null");
            Require(book._alerts.TryAdd(alert.Id, alert), $"alert '{alert.Id}' is listed twice");
            var track = book._keys.GetValueOrDefault((alert.Kind, alert.Subject));
            Require(track is not null, $"alert '{alert.Id}' has no key {alert.Kind}/{alert.Subject}");
            Require(alert.IsActive() == (track.ActiveId == alert.Id), $"alert '{alert.Id}' is {alert.State} but its key's active alert is '{track.ActiveId}'");
            book._order.Add(alert.Id);
        }

        foreach (var key in state.Keys)
        {
            Require(key.ActiveId is null || book._alerts.ContainsKey(key.ActiveId), $"key {key.Kind}/{key.Subject} names active alert '{key.ActiveId}', which is not in the state");
        }

        book.Trim();
        return book;
    }

    private static void Require([DoesNotReturnIf(false)] bool condition, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"Alert book state is not valid: {problem}; restore a state made by ToState.", "state");
        }
    }
}
