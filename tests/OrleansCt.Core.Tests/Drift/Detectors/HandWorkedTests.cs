using OrleansCt.Core.Drift.Detectors;

namespace OrleansCt.Core.Tests.Drift.Detectors;

/// <summary>Small streams whose statistics are worked out by hand in the comments (definitions in tests/reference/drift-detectors.md).</summary>
public class HandWorkedTests
{
    [Fact]
    public void PageHinkley_step_up_crosses_lambda_on_the_step()
    {
        // α = 0.5, δ = 0.5, λ = 2, min_instances = 3; stream 0, 0, 0, 4.
        // x=0: mean 0, S⁺ = 0.5·0 + 0 − 0.5 = −0.5 (min⁺ −0.5); n=1 < 3, not tested.
        // x=0: S⁺ = −0.25 − 0.5 = −0.75 (min⁺ −0.75).
        // x=0: S⁺ = −0.375 − 0.5 = −0.875 (min⁺ −0.875); n=3: S⁺ − min⁺ = 0 ≤ 2.
        // x=4: mean 1, dev 3, S⁺ = −0.4375 + 3 − 0.5 = 2.0625; S⁺ − min⁺ = 2.9375 > 2: drift.
        var ph = new PageHinkley(minInstances: 3, delta: 0.5, threshold: 2, alpha: 0.5, mode: PageHinkleyMode.Up);
        foreach (var x in new double[] { 0, 0, 0 })
        {
            ph.Update(x);
            Assert.False(ph.DriftDetected);
        }

        ph.Update(4);
        Assert.Equal(2.9375, ph.IncreaseStatistic);
        Assert.True(ph.DriftDetected);

        // The next update starts from scratch: one value, below min_instances.
        ph.Update(4);
        Assert.False(ph.DriftDetected);
        Assert.Equal(0.0, ph.IncreaseStatistic);
    }

    [Fact]
    public void PageHinkley_down_mode_ignores_a_step_up_and_catches_a_step_down()
    {
        // Same parameters. S⁻ = 0.5·S⁻ + dev + 0.5: 0.5, 0.75, 0.875 over the zeros (max⁻ 0.875).
        // Step up to 4: S⁻ = 0.4375 + 3 + 0.5 = 3.9375 = max⁻, so max⁻ − S⁻ = 0: no drift.
        // Step down to −4: mean −1, dev −3, S⁻ = 0.4375 − 3 + 0.5 = −2.0625; max⁻ − S⁻ = 2.9375 > 2: drift.
        var stepUp = new PageHinkley(minInstances: 3, delta: 0.5, threshold: 2, alpha: 0.5, mode: PageHinkleyMode.Down);
        var stepDown = new PageHinkley(minInstances: 3, delta: 0.5, threshold: 2, alpha: 0.5, mode: PageHinkleyMode.Down);
        foreach (var x in new double[] { 0, 0, 0 })
        {
            stepUp.Update(x);
            stepDown.Update(x);
        }

        stepUp.Update(4);
        stepDown.Update(-4);
        Assert.False(stepUp.DriftDetected);
        Assert.Equal(0.0, stepUp.DecreaseStatistic);
        Assert.True(stepDown.DriftDetected);
        Assert.Equal(2.9375, stepDown.DecreaseStatistic);
    }

    [Fact]
    public void Ddm_tracks_the_minimum_of_p_plus_s_then_warns_and_drifts()
    {
        // warm_start = 2; stream 1, 0, 0, 0, then eleven 1s; s = sqrt(p(1 − p)/n).
        // n=3: p = 1/3, s = 0.272166, p+s = 0.605499: first minimum.
        // n=4: p = 0.25, s = 0.216506, p+s = 0.466506 ≤ 0.605499: new minimum.
        //   warning above 0.25 + 2·0.216506 = 0.683013, drift above 0.25 + 3·0.216506 = 0.899519.
        // n=5: p = 0.4, p+s = 0.619089: neither. n=6 (index 5): p = 0.5, p+s = 0.704124: warning.
        // ... n=14: p+s = 0.895378, still a warning; n=15 (index 14): p = 0.8, s = 0.103280, p+s = 0.903280: drift.
        double[] stream = [1, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
        var ddm = new Ddm(warmStart: 2);
        var signals = DriftSignalTracker.Run(ddm, stream);
        Assert.Equal([new DriftSignal(5, "warning"), new DriftSignal(14, "drift")], signals);
        Assert.Equal(0.25 + Math.Sqrt(0.25 * 0.75 / 4), ddm.MinimumPPlusS);
        Assert.False(ddm.WarningDetected); // River clears the warning on the drifting update.
    }

    [Fact]
    public void HddmW_bound_condition_follows_lambda_squared_recursion()
    {
        // λ = 0.05: ibc₀ = 1; ibc₁ = 0.0025 + 0.9025·1 = 0.905; ibc₂ = 0.0025 + 0.9025·0.905 = 0.8192625.
        // The weighted mean starts at the first value: 1, then 0.05·0 + 0.95·1 = 0.95.
        var sample = new HddmWSample(0.05);
        sample.Update(1);
        Assert.Equal(0.905, sample.Ibc, 15);
        Assert.Equal(1.0, sample.Ewma);
        sample.Update(0);
        Assert.Equal(0.8192625, sample.Ibc, 15);
        Assert.Equal(0.95, sample.Ewma, 15);
    }

    [Fact]
    public void Adwin_never_cuts_a_constant_stream()
    {
        // Zero variance: ε = (2/3)·δ′·m > 0 = |μ₀ − μ₁| at every cut, so the window keeps all 1,000 items.
        var adwin = new Adwin(clock: 1);
        for (var i = 0; i < 1000; i++)
        {
            adwin.Update(0.25);
            Assert.False(adwin.DriftDetected);
        }

        Assert.Equal(1000, adwin.Width);
        Assert.Equal(0.25, adwin.Estimation);
    }

    [Fact]
    public void Eddm_keeps_quiet_until_warm_start_errors()
    {
        // Errors every other item: every distance is 2, so p' + 2s' = 2 stays at its maximum and level is never below 1.
        var eddm = new Eddm(warmStart: 5);
        var stream = Enumerable.Range(0, 200).Select(i => (double)(i % 2));
        Assert.Empty(DriftSignalTracker.Run(eddm, stream));
    }
}
