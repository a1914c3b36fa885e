using System.Reflection;
using OrleansCt.Client;

namespace OrleansCt.Hosting.Tests.Dependencies;

/// <summary>The .NET client stays light: neither it nor any project assembly it references pulls in CsvHelper or MathNet.Numerics.</summary>
public sealed class ClientDependencyTests
{
    [Fact]
    public void The_client_references_neither_CsvHelper_nor_MathNet()
    {
        var references = Closure(typeof(OrleansCtClient).Assembly);

        Assert.Contains("OrleansCt.Contracts", references);
        Assert.DoesNotContain("OrleansCt.Core", references);
        Assert.DoesNotContain(references, name => name.StartsWith("CsvHelper", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(references, name => name.StartsWith("MathNet", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_contracts_reference_nothing_but_the_framework()
    {
        var references = typeof(ModelDefinition).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

        Assert.All(references, name => Assert.True(name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib", name));
    }

    /// <summary>Every assembly name referenced from the assembly, following references through the project's own assemblies (OrleansCt.*).</summary>
    private static HashSet<string> Closure(Assembly root)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<AssemblyName>(root.GetReferencedAssemblies());
        while (pending.TryPop(out var name))
        {
            if (!names.Add(name.Name!) || !name.Name!.StartsWith("OrleansCt", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var next in Assembly.Load(name).GetReferencedAssemblies())
            {
                pending.Push(next);
            }
        }

        return names;
    }
}
