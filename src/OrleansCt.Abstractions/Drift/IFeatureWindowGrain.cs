namespace OrleansCt.Abstractions.Drift;

/// <summary>
/// The drift history of one feature group of a model (key "model/group"): the reference and a ring of closed buckets.
/// Fed once per closed bucket; scores each completed window and hands its observations to the model's alert grain.
/// The feed is the JSON of OrleansCt.Core.Drift.Windows records (DriftJson); the history travels as contracts.
/// </summary>
[Alias("OrleansCt.IFeatureWindowGrain")]
public interface IFeatureWindowGrain : IGrainWithStringKey
{
    /// <summary>Takes a WindowFeed; answers the last bucket index it holds, which the model grain may drop from its outbox.</summary>
    [Alias("Feed")]
    Task<long> Feed(Immutable<byte[]> feed);

    /// <summary>The scores of every window the ring can end, for a window of this many seconds (null: the model's setting), ending within [from, to].</summary>
    [Alias("GetHistory")]
    Task<DriftEvaluation[]> GetHistory(double? windowSeconds, double? from, double? to);

    /// <summary>The reference this group's windows are scored against (the JSON of a ReferenceProfile, its features sliced to the group); null before one arrived.</summary>
    [Alias("GetReference")]
    Task<Immutable<byte[]?>> GetReference();
}
