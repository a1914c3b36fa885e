using Microsoft.Extensions.Configuration;

namespace OrleansCt.Hosting.Configuration;

/// <summary>
/// Loads silo-config/{name}.json — "embedded" unless --config or ORLEANSCT_CONFIG names another — beneath
/// environment variables and the command line, so either can override any setting.
/// </summary>
public static class ConfigFiles
{
    public const string Default = "embedded";

    public static void AddSiloConfig(this IConfigurationManager configuration, string[] args)
    {
        var name = configuration["config"] ?? Environment.GetEnvironmentVariable("ORLEANSCT_CONFIG") ?? Default;
        var path = name.EndsWith(".json", StringComparison.Ordinal)
            ? Path.GetFullPath(name)
            : Path.Combine(AppContext.BaseDirectory, "silo-config", name + ".json");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"Silo configuration '{name}' not found at {path}; use embedded, postgres or cluster, or a path to a .json file.", path);
        }

        configuration.AddJsonFile(path, optional: false, reloadOnChange: false);
        // Added again so that they stay above the file.
        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine(args);
    }
}
