using System.Text.Json;
using OrleansCt.Core.Evidence;
using OrleansCt.Testing;

namespace OrleansCt.Core.Tests.Evidence;

/// <summary>
/// Looks at fixed label counts with α spent O'Brien–Fleming style: the spending function against scipy, the levels summing to α,
/// and by simulation that looking ten times keeps decisions under the null within α where a fixed α at every look does not.
/// </summary>
public sealed class SequentialEvidenceTests
{
    private static readonly EvidencePlan Plan = new(MinLabelled: 200, LookEvery: 200, MaxLabelled: 2_000);

    [Fact]
    public void The_spending_function_matches_scipy()
    {
        var reference = JsonDocument.Parse(File.ReadAllText(RepoFiles.PathOf("tests/reference/vectors/paired_tests_scipy.json"))).RootElement;
        foreach (var c in reference.GetProperty("spending").EnumerateArray())
        {
            var (alpha, t) = (c.GetProperty("alpha").GetDouble(), c.GetProperty("t").GetDouble());
            Assert.Equal(c.GetProperty("spent").GetDouble(), AlphaSpending.OBrienFleming(alpha, t), 1e-12);
        }

        Assert.Equal(0, AlphaSpending.OBrienFleming(0.05, 0));
    }

    [Fact]
    public void The_looks_are_at_fixed_counts_and_their_levels_sum_to_alpha()
    {
        Assert.Equal(10, Plan.Looks);
        Assert.Equal([200L, 400, 600, 800, 1000, 1200, 1400, 1600, 1800, 2000], Enumerable.Range(1, 10).Select(Plan.LabelledAt));
        Assert.Equal(0.05, Enumerable.Range(1, Plan.Looks).Sum(Plan.LevelAt), 1e-12);
        Assert.True(Plan.LevelAt(1) < 1e-6, $"the first look spends {Plan.LevelAt(1)}");
        Assert.Equal(4, new EvidencePlan(100, 300, 1_000).Looks);
        Assert.Equal(1_000, new EvidencePlan(100, 300, 1_000).LabelledAt(4));
        Assert.Equal(["minLabelled", "lookEvery", "maxLabelled", "alpha"], new EvidencePlan(0, 0, -1, 0.7).Problems().Select(p => p.Field));
    }

    [Fact]
    public void A_decision_needs_the_looks_level_and_the_last_look_rejects_without_evidence()
    {
        var better = new PairedTestResult(McNemarTest.Name, 10, 0.001, 60, 1);
        Assert.Equal(EvidenceOutcome.Collecting, SequentialEvidence.Decide(Plan, 1, better).Outcome);
        Assert.Equal(EvidenceOutcome.Promote, SequentialEvidence.Decide(Plan, 10, better).Outcome);
        Assert.Equal(EvidenceOutcome.Reject, SequentialEvidence.Decide(Plan, 10, better with { Better = -1 }).Outcome);
        var unclear = better with { PValue = 0.5 };
        Assert.Equal(EvidenceOutcome.Collecting, SequentialEvidence.Decide(Plan, 9, unclear).Outcome);
        var last = SequentialEvidence.Decide(Plan, 10, unclear);
        Assert.Equal(EvidenceOutcome.Reject, last.Outcome);
        Assert.StartsWith("not shown better by the last look: look 10 of 10 (mcnemarMidP p = 0.5 on 60 pairs", last.Reason, StringComparison.Ordinal);
        Assert.Equal(EvidenceOutcome.Reject, SequentialEvidence.Decide(Plan, 3, unclear, lastChance: true).Outcome);
    }

    [Fact]
    public void Ten_looks_hold_alpha_under_the_null_where_a_fixed_alpha_at_each_look_does_not()
    {
        // 4,000 comparisons of two classifiers right 80 % of the time each, independently: every decision is a false one.
        var (spent, fixedLevel) = (0, 0);
        const int trials = 4_000;
        var random = new Random(12);
        for (var trial = 0; trial < trials; trial++)
        {
            var (spentDecided, fixedDecided) = (false, false);
            long b = 0, c = 0;
            for (var look = 1; look <= Plan.Looks; look++)
            {
                for (var e = look == 1 ? 0 : Plan.LabelledAt(look - 1); e < Plan.LabelledAt(look); e++)
                {
                    var (champion, challenger) = (random.NextDouble() < 0.8, random.NextDouble() < 0.8);
                    b += champion && !challenger ? 1 : 0;
                    c += challenger && !champion ? 1 : 0;
                }

                var test = McNemarTest.MidP(b, c);
                spentDecided |= SequentialEvidence.Decide(Plan, look, test).Outcome != EvidenceOutcome.Collecting && test.PValue < Plan.LevelAt(look);
                fixedDecided |= test.PValue < Plan.Alpha;
            }

            spent += spentDecided ? 1 : 0;
            fixedLevel += fixedDecided ? 1 : 0;
        }

        // α + 3 standard errors of a binomial share over 4,000 trials (0.0034): the spending holds; α at every look is far above.
        var bound = 0.05 + (3 * Math.Sqrt(0.05 * 0.95 / trials));
        Assert.True((double)spent / trials <= bound, $"alpha spending: {spent} of {trials} decided under the null");
        Assert.True((double)fixedLevel / trials > 2 * 0.05, $"a fixed α at each of 10 looks: only {fixedLevel} of {trials}");
    }

    [Fact]
    public void A_better_challenger_is_promoted_most_of_the_time()
    {
        var random = new Random(7);
        var promoted = 0;
        for (var trial = 0; trial < 500; trial++)
        {
            long b = 0, c = 0;
            for (var look = 1; look <= Plan.Looks; look++)
            {
                for (var e = look == 1 ? 0 : Plan.LabelledAt(look - 1); e < Plan.LabelledAt(look); e++)
                {
                    var (champion, challenger) = (random.NextDouble() < 0.80, random.NextDouble() < 0.86);
                    b += champion && !challenger ? 1 : 0;
                    c += challenger && !champion ? 1 : 0;
                }

                var decision = SequentialEvidence.Decide(Plan, look, McNemarTest.MidP(b, c));
                if (decision.Outcome != EvidenceOutcome.Collecting)
                {
                    promoted += decision.Outcome == EvidenceOutcome.Promote ? 1 : 0;
                    break;
                }
            }
        }

        // Six points of accuracy: at the last look the expected discordant pairs are 2,000 × 0.8 × 0.14 = 224 against
        // 2,000 × 0.86 × 0.2 = 344, a z of about 5; most comparisons are decided well before it.
        Assert.True(promoted > 350, $"promoted {promoted} of 500");
    }
}
