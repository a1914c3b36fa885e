namespace OrleansCt.Core.Evidence;

/// <summary>
/// The outcome of a paired test of a challenger against the champion on the same events: the test's name, its statistic, the
/// two-sided p-value, the pairs that counted (discordant pairs for McNemar, non-zero differences for Wilcoxon), and which version
/// did better on them (+1 the challenger, −1 the champion, 0 neither).
/// </summary>
public sealed record PairedTestResult(string Test, double Statistic, double PValue, long Pairs, int Better);
