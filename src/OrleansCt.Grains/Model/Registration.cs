using System.Text.Json;
using OrleansCt.Abstractions.Models;
using OrleansCt.Core.Validation;

namespace OrleansCt.Grains.Model;

/// <summary>Whether a definition is registered over the model's current one, and the answer when it is not.</summary>
internal static class Registration
{
    /// <summary>The answer to an invalid definition; null for a valid one.</summary>
    public static RegisterResult? Invalid(ModelDefinition definition) =>
        ModelDefinitionValidator.Validate(definition) is { Count: > 0 } errors ? new RegisterResult(RegisterStatus.Invalid, null, errors) : null;

    /// <summary>The answer when <paramref name="definition"/> is not logged over <paramref name="current"/>: unchanged (the same JSON) or an incompatible change; null when it is.</summary>
    public static RegisterResult? Refusal(ModelDefinition? current, ModelDefinition definition)
    {
        if (current is null)
        {
            return null;
        }

        if (Json(current) == Json(definition))
        {
            return new RegisterResult(RegisterStatus.Unchanged, current, []);
        }

        return DefinitionChange.FindIncompatible(current, definition) is { Count: > 0 } conflicts
            ? new RegisterResult(RegisterStatus.Conflict, current, conflicts)
            : null;
    }

    /// <summary>The definition as the catalog stores it (and as two definitions are compared): the one JSON convention.</summary>
    public static string Json(ModelDefinition definition) => JsonSerializer.Serialize(definition, JsonDefaults.Options);
}
