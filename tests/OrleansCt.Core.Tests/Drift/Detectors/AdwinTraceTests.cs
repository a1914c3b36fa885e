using OrleansCt.Core.Drift.Detectors;

namespace OrleansCt.Core.Tests.Drift.Detectors;

/// <summary>
/// Where ADWIN may cut the window, as River has it today (its Rust AdaptiveWindowing, river/drift/adwin_c.py importing
/// river.stats._rust_stats) against River before 0.22 (Cython adwin_c.pyx, `for k in range(bucket.current_idx - 1)`).
/// Today every bucket of every row ends a candidate W0 except the newest item; before, the newest bucket of each row was
/// skipped, so a cut between two rows of buckets was never tested.
/// </summary>
public sealed class AdwinTraceTests
{
    /// <summary>
    /// 20 zeros then 12 tens, defaults (delta 0.002, clock 32, max_buckets 5, min_window_length 5, grace_period 10).
    /// Hand trace of River's current code:
    /// * Ticks 1–31: tick % 32 != 0, no cut is tested.
    /// * Tick 32 (index 31), width 32 > 10. Buckets: row 0 takes each item and merges its two oldest into row 1 when it
    ///   holds 6; row 1 likewise into row 2. After 32 items: row 2 = 5 buckets of 4 (items 1–20, all 0, totals 0),
    ///   row 1 = 4 buckets of 2 (items 21–28, totals 20), row 0 = 4 single items (29–32, totals 10).
    /// * total = 120, mean 3.75, variance (sum of squared deviations, exact: no cut yet) = 20·3.75² + 12·6.25² = 281.25 + 468.75 = 750,
    ///   σ² = 750 / 32 = 23.4375; δ' = ln(2·ln 32 / 0.002) = ln(3465.74) = 8.15068.
    /// * ε(n0, n1) = sqrt(2·m·σ²·δ') + (2/3)·δ'·m with m = 1/(n0 − 4) + 1/(n1 − 4). Cuts from the oldest end, W0 = n0 items:
    ///   n0 = 4: n0 &lt; 5, not tested.
    ///   n0 = 8:  |Δμ| = |0 − 120/24| = 5.0,  m = 0.3,    ε = 12.336: no.
    ///   n0 = 12: |Δμ| = |0 − 120/20| = 6.0,  m = 0.1875, ε = 9.483:  no.
    ///   n0 = 16: |Δμ| = |0 − 120/16| = 7.5,  m = 1/6,    ε = 8.885:  no.
    ///   n0 = 20 (after the last bucket of row 2, the cut between two rows): |Δμ| = |0 − 120/12| = 10.0, m = 0.1875,
    ///   ε = sqrt(2·0.1875·23.4375·8.15068) + (2/3)·8.15068·0.1875 = 8.4639 + 1.0188 = 9.483 &lt; 10: cut, drift at index 31.
    /// River before 0.22 skips n0 = 20 and n0 = 28 (the last bucket of rows 2 and 1) and tests n0 = 22 (|Δμ| = 9.091,
    /// ε = 10.422), 24 (8.333 against 12.336) and 26 (7.692 against 17.400): no cut, so no drift in these 32 items.
    /// </summary>
    [Fact]
    public void A_cut_between_two_rows_of_buckets_is_tested_as_River_does_today()
    {
        var stream = Enumerable.Repeat(0.0, 20).Concat(Enumerable.Repeat(10.0, 12)).ToArray();

        Assert.Equal([new DriftSignal(31, "drift")], DriftSignalTracker.Run(new Adwin(), stream));
    }

    [Fact]
    public void The_four_segment_stream_of_Rivers_regression_test_changes_at_1023_2015_3007()
    {
        // river/drift/test_adwin_regression.py, test_multiple_drifts: "assert detected == [1023, 2015, 3007]".
        // The loop of River before 0.22 (which this port had) gives [1023, 2047, 3039] on it: each later drift a clock period late.
        var signals = DriftSignalTracker.Run(new Adwin(), RiverStreams.FourSegments());

        Assert.Equal([new DriftSignal(1023, "drift"), new DriftSignal(2015, "drift"), new DriftSignal(3007, "drift")], signals);
    }
}
