using OrleansCt.Core.Alerts;

namespace OrleansCt.Grains.Alerts;

/// <summary>The JSON body of an alert webhook: which model, what happened (opened, escalated, acknowledged, resolved), its key, when, and the alert after the change.</summary>
/// <param name="Model">The model the alert is about.</param>
/// <param name="Event">What happened.</param>
/// <param name="Key">The event's stable key, also sent as the Idempotency-Key header.</param>
/// <param name="At">When it happened, in seconds.</param>
/// <param name="Alert">The alert after the change.</param>
public sealed record AlertWebhookMessage(string Model, AlertEventKind Event, string Key, double At, Alert Alert);
