using System.Diagnostics;

namespace OrleansCt.Grains;

/// <summary>
/// Fault injection for the crash tests: when the environment variable ORLEANSCT_CRASH_AT names a point, the process kills
/// itself (SIGKILL, as kill -9) the first time it reaches it. Unset in production, where reaching a point does nothing.
/// </summary>
public static class CrashPoints
{
    public const string Variable = "ORLEANSCT_CRASH_AT";

    /// <summary>The registry stored a champion move as requested; the model grain has not logged it.</summary>
    public const string AliasRequested = "alias-requested";

    /// <summary>The model grain logged the promotion entry; the registry has not stored the move as committed.</summary>
    public const string PromotionLogged = "promotion-logged";

    /// <summary>A training started on its thread.</summary>
    public const string TrainingStarted = "training-started";

    private static readonly string? Armed = Environment.GetEnvironmentVariable(Variable);

    public static void Reach(string point)
    {
        if (Armed == point)
        {
            Console.Error.WriteLine($"crash point '{point}' reached: killing the process");
            Process.GetCurrentProcess().Kill();
        }
    }
}
