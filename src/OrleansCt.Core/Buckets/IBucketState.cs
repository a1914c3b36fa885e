namespace OrleansCt.Core.Buckets;

/// <summary>What a bucket accumulates: anything that merges with another of its kind.</summary>
public interface IBucketState<T>
    where T : IBucketState<T>
{
    void Merge(T other);
}
