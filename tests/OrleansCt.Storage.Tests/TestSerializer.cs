using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace OrleansCt.Storage.Tests;

/// <summary>The Orleans binary serializer, built the way a silo builds it, with this assembly's generated codecs.</summary>
public static class TestSerializer
{
    private static readonly ServiceProvider s_services = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(TestState).Assembly))
        .BuildServiceProvider();

    public static Serializer Instance { get; } = s_services.GetRequiredService<Serializer>();
}
