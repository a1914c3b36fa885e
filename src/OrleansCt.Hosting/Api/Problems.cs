using Microsoft.AspNetCore.Http;
using OrleansCt.Core.Validation;

namespace OrleansCt.Hosting.Api;

/// <summary>RFC 7807 answers that list every bad field.</summary>
internal static class Problems
{
    public static IResult Of(int status, string title, IReadOnlyList<FieldError> errors) =>
        Results.Json(
            new ProblemResponse
            {
                Type = $"https://httpstatuses.io/{status}",
                Title = title,
                Status = status,
                Detail = string.Join("; ", errors.Take(5).Select(e => $"{e.Field}: {e.Message}")),
                Errors = errors,
            },
            Json.Options,
            "application/problem+json",
            status);

    public static IResult Invalid(IReadOnlyList<FieldError> errors) => Of(400, "The request is invalid; nothing was stored.", errors);

    public static IResult Invalid(string field, string message) => Invalid([new FieldError(field, message)]);

    public static IResult TooLarge(IReadOnlyList<FieldError> errors) => Of(413, "The batch is too large; nothing was stored.", errors);

    public static IResult NotFound(string model) =>
        Of(404, "Unknown model.", [new FieldError("model", $"'{model}' is not registered; PUT /v1/models/{model} first")]);
}
