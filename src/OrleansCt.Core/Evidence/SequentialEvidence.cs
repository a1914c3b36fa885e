using System.Globalization;

namespace OrleansCt.Core.Evidence;

/// <summary>
/// Decides on a challenger at a look of its <see cref="EvidencePlan"/>: a paired test significant at the look's level promotes it
/// when it did better and rejects it when it did worse; otherwise it keeps collecting, and at the last look (or once the maximum
/// duration has passed) it is rejected for want of evidence — the champion stays unless the challenger is shown better.
/// </summary>
public static class SequentialEvidence
{
    /// <param name="plan">The plan.</param>
    /// <param name="look">The look (1-based), taken once the labelled events reached <see cref="EvidencePlan.LabelledAt"/>.</param>
    /// <param name="test">The paired test on every labelled event so far.</param>
    /// <param name="lastChance">The maximum duration has passed: this look is the last whatever the count.</param>
    public static EvidenceDecision Decide(EvidencePlan plan, int look, PairedTestResult test, bool lastChance = false)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentOutOfRangeException.ThrowIfLessThan(look, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(look, plan.Looks);
        var level = plan.LevelAt(look);
        var at = $"look {look} of {plan.Looks} ({test.Test} p = {P(test.PValue)} on {test.Pairs:N0} pairs, level {P(level)})";
        if (test.PValue < level && test.Better != 0)
        {
            return test.Better > 0
                ? new EvidenceDecision(EvidenceOutcome.Promote, look, level, test, $"the challenger is better: {at}")
                : new EvidenceDecision(EvidenceOutcome.Reject, look, level, test, $"the challenger is worse: {at}");
        }

        return look == plan.Looks || lastChance
            ? new EvidenceDecision(EvidenceOutcome.Reject, look, level, test, $"not shown better by the {(lastChance ? "maximum duration" : "last look")}: {at}")
            : new EvidenceDecision(EvidenceOutcome.Collecting, look, level, test, $"no decision yet: {at}");
    }

    private static string P(double value) => value.ToString("G3", CultureInfo.InvariantCulture);
}
