namespace OrleansCt.Testing;

/// <summary>Files the repository carries for its tests and benchmarks (data/, tests/reference/), found from the running assembly.</summary>
public static class RepoFiles
{
    /// <summary>The repository's root: the nearest folder above the running assembly that holds OrleansCt.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The full path of a file of the repository, e.g. PathOf("data/elec2/elec2.csv").</summary>
    public static string PathOf(string relative)
    {
        var path = Path.Combine(Root, relative);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"'{relative}' is not in the repository at {Root}; the repository carries every file its tests read.", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrleansCt.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"Could not find OrleansCt.sln above {AppContext.BaseDirectory}; run the tests from the repository.");
    }
}
