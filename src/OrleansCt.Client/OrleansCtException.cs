using System.Net;

namespace OrleansCt.Client;

/// <summary>The service refused a request (4xx) or kept failing (5xx after the retries); the problem says why.</summary>
public sealed class OrleansCtException(HttpStatusCode status, ProblemResponse? problem)
    : Exception(problem?.Detail is { Length: > 0 } detail ? $"{(int)status} {problem.Title} {detail}" : $"{(int)status} {problem?.Title ?? status.ToString()}")
{
    public HttpStatusCode Status { get; } = status;

    public ProblemResponse? Problem { get; } = problem;
}
