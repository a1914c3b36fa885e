using System.Text;
using System.Text.Json;

namespace OrleansCt.Core.Validation;

/// <summary>
/// One pass over a JSON body before it is read, refusing what no reader should have to decide: a string or name that is
/// not valid UTF-8 (or holds an unpaired surrogate escape), a string or name longer than <see cref="BatchLimits.MaxTextBytes"/>,
/// a key given twice in one object, nesting deeper than <see cref="BatchLimits.MaxJsonDepth"/>. Each refusal names the deepest
/// field known, e.g. events[3].id.
/// </summary>
/// <remarks>
/// The length rule keeps a hostile body cheap: a 40 MB id used to be parsed into a JsonDocument, which rents a 64 MB buffer (and a
/// second for the string) from the shared array pool, where each thread that returned one kept it for tens of seconds.
/// </remarks>
/// <remarks>Malformed JSON passes (null): the reader that parses next says where it breaks, as it always has.</remarks>
public static class JsonPreflight
{
    public static FieldError? Check(ReadOnlySpan<byte> json)
    {
        // The reader's own limit sits above ours, so ours is the one that answers, with the path.
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = BatchLimits.MaxJsonDepth + 2 });
        var path = new List<Segment>();
        var keys = new List<HashSet<string>?>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        if (reader.CurrentDepth >= BatchLimits.MaxJsonDepth)
                        {
                            return new FieldError(Field(path), $"is nested more than {BatchLimits.MaxJsonDepth} levels deep; a value holds at most {BatchLimits.MaxJsonDepth} levels");
                        }

                        Enter(path, keys, reader.TokenType == JsonTokenType.StartArray);
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        Advance(path);
                        break;
                    case JsonTokenType.PropertyName:
                        if (Bytes(ref reader) > BatchLimits.MaxTextBytes)
                        {
                            return new FieldError(Field(path), $"holds a name of {Bytes(ref reader)} bytes; no name is longer than {BatchLimits.MaxTextBytes} bytes (a feature name holds at most {BatchLimits.MaxFeatureNameLength} characters)");
                        }

                        if (!TryText(ref reader, out var name))
                        {
                            return new FieldError(Field(path), "holds a name that is not valid UTF-8 (invalid bytes or an unpaired surrogate escape such as \\ud800)");
                        }

                        var seen = keys[path.Count - 1] ??= new HashSet<string>(StringComparer.Ordinal);
                        path[^1] = path[^1] with { Name = name };
                        if (!seen.Add(name))
                        {
                            return new FieldError(Field(path), "is given twice in one object; send each key once");
                        }

                        break;
                    case JsonTokenType.String:
                        if (Bytes(ref reader) > BatchLimits.MaxTextBytes)
                        {
                            return new FieldError(Field(path), $"is {Bytes(ref reader)} bytes long; no value is longer than {BatchLimits.MaxTextBytes} bytes (an id or a category holds at most {BatchLimits.MaxCategoryLength} characters)");
                        }

                        // A value's text is only checked, not kept.
                        if (reader.ValueIsEscaped ? !TryText(ref reader, out _) : !System.Text.Unicode.Utf8.IsValid(reader.ValueSpan))
                        {
                            return new FieldError(Field(path), "is not valid UTF-8 text (invalid bytes or an unpaired surrogate escape such as \\ud800)");
                        }

                        Advance(path);
                        break;
                    default:
                        Advance(path);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }

    /// <summary>The length of the current string or name as sent, escapes included.</summary>
    private static long Bytes(ref Utf8JsonReader reader) => reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;

    /// <summary>The text of a string or name, or false when it cannot be UTF-16 (which every reader later needs).</summary>
    private static bool TryText(ref Utf8JsonReader reader, out string text)
    {
        text = string.Empty;
        if (reader.HasValueSequence)
        {
            return true;
        }

        try
        {
            text = reader.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void Enter(List<Segment> path, List<HashSet<string>?> keys, bool array)
    {
        path.Add(new Segment(array, array ? 0 : -1, null));
        while (keys.Count < path.Count)
        {
            keys.Add(null);
        }

        keys[path.Count - 1]?.Clear();
    }

    /// <summary>After a value inside an array, the next one is at the next index.</summary>
    private static void Advance(List<Segment> path)
    {
        if (path.Count > 0 && path[^1].Array)
        {
            path[^1] = path[^1] with { Index = path[^1].Index + 1 };
        }
    }

    private static string Field(List<Segment> path)
    {
        var text = new StringBuilder();
        foreach (var segment in path)
        {
            if (segment.Array)
            {
                text.Append('[').Append(segment.Index).Append(']');
            }
            else if (segment.Name is { } name)
            {
                text.Append(text.Length == 0 ? string.Empty : ".").Append(name);
            }
        }

        return text.Length == 0 ? "body" : text[0] == '[' ? "body" + text : text.ToString();
    }

    /// <summary>One level of the path: an array and the index of its current item, or an object and its current key.</summary>
    private readonly record struct Segment(bool Array, int Index, string? Name);
}
