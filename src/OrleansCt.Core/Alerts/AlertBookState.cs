namespace OrleansCt.Core.Alerts;

/// <summary>An <see cref="AlertBook"/> as plain records (a checkpoint); the policy is not part of it.</summary>
/// <param name="Keys">Every key observed, ordered by kind then subject (ordinal).</param>
/// <param name="Alerts">The kept alerts in the order they opened.</param>
public sealed record AlertBookState(AlertKeyState[] Keys, Alert[] Alerts);
