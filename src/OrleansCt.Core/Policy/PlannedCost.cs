namespace OrleansCt.Core.Policy;

/// <summary>
/// What a retrain is charged against the budget when it is accepted, in row passes, from what is known then: the window's rows
/// (at most the labelled rows the model has) times the trainer's passes. Charged up front rather than measured afterwards, so the
/// guard decides the same way however fast the machine trains; the measured cost is recorded beside it.
/// </summary>
public static class PlannedCost
{
    /// <summary>Passes charged for a trainer that decides its own (L-BFGS, SDCA by default): ML.NET's boosting default, 100.</summary>
    public const int DefaultPasses = 100;

    /// <param name="window">The policy's window.</param>
    /// <param name="labelled">Labelled rows the model has seen: no window trains on more.</param>
    /// <param name="passes">The trainer's passes when its settings fix them; null when it decides.</param>
    /// <param name="trains">False for the online kind, which trains nothing (its candidate is the learner that kept learning).</param>
    public static double RowPasses(PolicyWindow window, long labelled, int? passes, bool trains = true)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (!trains)
        {
            return 0;
        }

        var available = Math.Max(0, labelled);
        double Rows(double length) => Math.Min(length, available);
        var rows = window switch
        {
            FixedWindow { Rows: { } n } => Rows(n),
            RepresentativeWindow r => Rows(r.Rows),

            // A dynamic window trains each candidate, then the winner again; candidates in seconds are bounded by the rows there are.
            DynamicWindow { Unit: WindowUnit.Rows } d => d.Candidates.Sum(Rows) + Rows(d.Candidates.Max()),
            DynamicWindow d => (d.Candidates.Count + 1) * (double)available,
            _ => available,
        };
        return rows * (passes ?? DefaultPasses);
    }
}
