using OrleansCt.Abstractions.Alerts;
using OrleansCt.Abstractions.Drift;
using OrleansCt.Core.Drift.Windows;
using OrleansCt.Storage;

namespace OrleansCt.Grains.Drift;

/// <summary>
/// Thin grain over <see cref="FeatureWindow"/>: takes a feed, hands the observations of every completed window to the
/// model's alert grain, stores its state, then confirms — so a feed is confirmed only once nothing of it can be lost.
/// </summary>
public sealed class FeatureWindowGrain(
    [PersistentState("window", StorageNames.Grain)] IPersistentState<FeatureWindowGrainState> state) : Grain, IFeatureWindowGrain
{
    private FeatureWindow _window = new();

    private string Model => this.GetPrimaryKeyString()[..this.GetPrimaryKeyString().LastIndexOf('/')];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _window = state.State.Json is { } json ? FeatureWindow.FromState(DriftJson.Read<FeatureWindowState>(json)) : new FeatureWindow();
        return Task.CompletedTask;
    }

    public async Task<long> Feed(Immutable<byte[]> feed)
    {
        var message = DriftJson.Read<WindowFeed>(feed.Value);
        var verdicts = _window.Feed(message);
        var observations = verdicts.SelectMany(v => v.Observations).ToArray();
        if (observations.Length > 0)
        {
            var alerts = GrainFactory.GetGrain<IAlertGrain>(Model);
            await alerts.Observe(DriftJson.Write(observations).AsImmutable(), DriftJson.Write(message.Alerts).AsImmutable());
        }

        state.State.Json = DriftJson.Write(_window.ToState());
        await state.WriteStateAsync();
        return _window.LastIndex;
    }

    public Task<Immutable<byte[]?>> GetReference() =>
        Task.FromResult((_window.Profile is { } profile ? DriftJson.Write(profile) : null).AsImmutable());

    public Task<DriftEvaluation[]> GetHistory(double? windowSeconds, double? from, double? to) =>
        Task.FromResult(_window.History(windowSeconds, from, to).ToArray());
}
