namespace OrleansCt.Testing;

/// <summary>Finds the project's shared folder (data/ and reference/) for tests that read the shared datasets.</summary>
public static class SharedData
{
    public const string EnvironmentVariable = "ORLEANSCT_SHARED";

    /// <summary>The shared folder: $ORLEANSCT_SHARED, else the sibling "shared" of the folder holding OrleansCt.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The full path of a file under the shared folder, e.g. PathOf("data/elec2/elec2.csv").</summary>
    public static string PathOf(string relative)
    {
        var path = System.IO.Path.Combine(Root, relative);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Shared file '{relative}' is not in {Root}; check the shared folder or set {EnvironmentVariable}.", path);
    }

    private static string FindRoot()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
        {
            return Directory.Exists(configured)
                ? System.IO.Path.GetFullPath(configured)
                : throw new DirectoryNotFoundException($"{EnvironmentVariable} is '{configured}', which is not a folder; point it at the folder that contains data/ and reference/.");
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "OrleansCt.sln")))
            {
                var shared = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared"));
                return Directory.Exists(shared)
                    ? shared
                    : throw new DirectoryNotFoundException($"No shared folder at {shared} (the sibling of the repository {dir.FullName}); set {EnvironmentVariable} to the folder that contains data/ and reference/.");
            }
        }

        throw new DirectoryNotFoundException(
            $"Could not find OrleansCt.sln above {AppContext.BaseDirectory}, so the shared folder is unknown; set {EnvironmentVariable} to the folder that contains data/ and reference/.");
    }
}
