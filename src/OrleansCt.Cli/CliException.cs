namespace OrleansCt.Cli;

/// <summary>A mistake in the command line or its input, reported on stderr with exit code 2.</summary>
public sealed class CliException(string message) : Exception(message);
