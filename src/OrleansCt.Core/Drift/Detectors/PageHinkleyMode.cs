namespace OrleansCt.Core.Drift.Detectors;

/// <summary>Which mean changes Page-Hinkley reports, as River's mode parameter ("up", "down", "both").</summary>
public enum PageHinkleyMode
{
    Both,
    Up,
    Down,
}
