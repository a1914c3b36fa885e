namespace OrleansCt.Core.Policy;

/// <summary>The newest <paramref name="Rows"/> labelled rows or those of the newest <paramref name="Seconds"/> of event time; exactly one is set.</summary>
public sealed record FixedWindow(int? Rows, double? Seconds) : PolicyWindow
{
    /// <summary>The window a policy gets when it names none: the newest 50,000 labelled rows.</summary>
    public static FixedWindow Default { get; } = new(DefaultRows, null);
}
