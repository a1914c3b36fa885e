using Orleans.Configuration;

namespace OrleansCt.Hosting.Tests.Infrastructure;

/// <summary>Membership settings that declare a dead silo in about two seconds (tests only; orleans-notes.md).</summary>
public static class FastFailureDetection
{
    public static void Apply(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = TimeSpan.FromSeconds(1);
        options.NumMissedProbesLimit = 2;
        options.NumVotesForDeathDeclaration = 1;
        options.TableRefreshTimeout = TimeSpan.FromSeconds(1);
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
        options.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(10);
    }
}
