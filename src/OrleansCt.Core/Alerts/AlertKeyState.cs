namespace OrleansCt.Core.Alerts;

/// <summary>What the book remembers of one key between its alerts.</summary>
/// <param name="Kind">The key's kind.</param>
/// <param name="Subject">The key's subject.</param>
/// <param name="Opened">Alerts opened on the key so far; the next one gets number Opened + 1.</param>
/// <param name="ActiveId">The id of the key's open or acknowledged alert, if any.</param>
/// <param name="ClearRun">Consecutive clear evaluations of the active alert so far.</param>
/// <param name="LastResolvedAt">When the key's latest alert resolved; the cooldown runs from here.</param>
/// <param name="Suppressed">Bad observations that came during a cooldown and so opened nothing.</param>
/// <param name="LastSequence">The highest log sequence observed on the key; observations with a lower one are stale and ignored.</param>
public sealed record AlertKeyState(
    string Kind,
    string Subject,
    long Opened,
    string? ActiveId,
    int ClearRun,
    double? LastResolvedAt,
    long Suppressed,
    long LastSequence);
