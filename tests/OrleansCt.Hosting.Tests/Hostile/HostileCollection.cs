namespace OrleansCt.Hosting.Tests.Hostile;

/// <summary>
/// The hostile corpus runs alone: xunit runs collections that disable parallelization after all the others, one at a time, so no
/// other test's silo (nor the shared API silo, disposed with its collection) allocates while the corpus test measures the heap.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostileCollection
{
    public const string Name = "hostile";
}
