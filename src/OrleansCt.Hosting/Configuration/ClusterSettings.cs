namespace OrleansCt.Hosting.Configuration;

/// <summary>How silos find each other ("OrleansCt:Cluster" in configuration).</summary>
public sealed class ClusterSettings
{
    /// <summary>"localhost" (one silo, nothing to install) or "redis" (membership and reminders in Redis).</summary>
    public string Kind { get; set; } = "localhost";

    public string ClusterId { get; set; } = "orleansct";

    public string ServiceId { get; set; } = "orleansct";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>StackExchange.Redis configuration string, e.g. "127.0.0.1:6379".</summary>
    public string? Redis { get; set; }

    /// <summary>The address other silos reach this one at; loopback when unset.</summary>
    public string? AdvertisedIp { get; set; }
}
