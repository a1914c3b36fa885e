namespace OrleansCt.Contracts;

/// <summary>Prequential metrics over the whole stream, over the window, and with a fading factor.</summary>
public sealed record MetricsView(MetricValuesView Overall, MetricValuesView Window, MetricValuesView Fading);
