namespace OrleansCt.Core.Policy;

/// <summary>Which labelled rows a retrain trains on: a <see cref="FixedWindow"/>, <see cref="DynamicWindow"/> or <see cref="RepresentativeWindow"/>.</summary>
public abstract record PolicyWindow
{
    /// <summary>The newest 50,000 labelled rows, as an on-demand retrain takes by default.</summary>
    public const int DefaultRows = 50_000;

    private protected PolicyWindow()
    {
    }
}
