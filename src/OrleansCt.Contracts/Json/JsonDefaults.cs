using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansCt.Contracts;

/// <summary>The one JSON convention of the project: camelCase names, camelCase enum strings, numbers only as JSON numbers.</summary>
public static class JsonDefaults
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            RespectNullableAnnotations = true,
            AllowTrailingCommas = false,

            // One rule for every body: a number is a JSON number. The web defaults would read "0.1" as 0.1 in a
            // definition while the event readers refuse it.
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
