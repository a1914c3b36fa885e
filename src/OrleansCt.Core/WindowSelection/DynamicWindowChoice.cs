namespace OrleansCt.Core.WindowSelection;

/// <summary>The outcome of a dynamic-window search: every candidate's score, the best, the window chosen and why.</summary>
/// <param name="Candidates">In the order the lengths were given.</param>
/// <param name="BestLength">The candidate with the lowest mean loss (the shorter one when two are equal).</param>
/// <param name="ChosenLength">The largest candidate within one standard error of the best.</param>
/// <param name="HoldoutRows">Rows every candidate was scored on.</param>
public sealed record DynamicWindowChoice(
    IReadOnlyList<WindowScore> Candidates,
    int BestLength,
    int ChosenLength,
    int HoldoutRows,
    string Reason)
{
    /// <summary>The chosen candidate's score.</summary>
    public WindowScore Chosen => Candidates.First(c => c.Length == ChosenLength);
}
