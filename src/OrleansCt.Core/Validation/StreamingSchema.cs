using System.Runtime.CompilerServices;
using System.Text;
using OrleansCt.Core.Schema;

namespace OrleansCt.Core.Validation;

/// <summary>
/// A schema laid out for the streaming event reader: every name and alias in UTF-8 with the feature it reads, bounds,
/// known categories and classes in UTF-8. Built once per <see cref="ModelSchema"/> and kept beside it.
/// </summary>
internal sealed class StreamingSchema
{
    /// <summary>Known categories matched byte for byte (then reused as strings) when a feature lists at most this many.</summary>
    private const int MaxMatchedCategories = 64;

    private static readonly ConditionalWeakTable<ModelSchema, StreamingSchema> Compiled = new();

    private readonly int[] _guesses;

    private StreamingSchema(ModelSchema schema)
    {
        NumericCount = schema.Numeric.Count;
        CategoricalCount = schema.Categorical.Count;
        Counts = schema.CountsSchemaChanges;
        Rejects = schema.RejectsViolations;
        IsClassification = schema.IsClassification;

        var entries = new List<Entry>();
        for (var c = 0; c < NumericCount; c++)
        {
            var spec = schema.Numeric[c];
            entries.Add(new Entry(schema.NumericUtf8[c], c, c, true, spec.Required));
            entries.AddRange(schema.NumericAliasesUtf8[c].Select(alias => new Entry(alias, c, c, true, spec.Required)));
        }

        for (var c = 0; c < CategoricalCount; c++)
        {
            var spec = schema.Categorical[c];
            entries.Add(new Entry(schema.CategoricalUtf8[c], NumericCount + c, c, false, spec.Required));
            entries.AddRange(schema.CategoricalAliasesUtf8[c].Select(alias => new Entry(alias, NumericCount + c, c, false, spec.Required)));
        }

        Entries = [.. entries];
        _guesses = new int[Entries.Length + 8];
        RequiredCount = schema.Numeric.Concat(schema.Categorical).Count(f => f.Required);
        Min = [.. schema.Numeric.Select(f => f.Min ?? double.NegativeInfinity)];
        Max = [.. schema.Numeric.Select(f => f.Max ?? double.PositiveInfinity)];
        CategorySets = [.. schema.CategorySets];
        CategoryValues = [.. schema.Categorical.Select(f => f.Categories is { Count: <= MaxMatchedCategories } known ? known.ToArray() : null)];
        CategoryUtf8 = [.. CategoryValues.Select(known => known?.Select(Encoding.UTF8.GetBytes).ToArray())];
        ClassUtf8 = [.. schema.Definition.Classes.Select(Encoding.UTF8.GetBytes)];
        ClassIndex = [.. schema.Definition.Classes.Select(c => schema.ClassIndex[c])];

        // The streaming reader matches names byte for byte; where bytes and strings could disagree (a name that does not
        // survive UTF-8, one name for two features, an alias listed twice), only the document reader's rules are known.
        var texts = schema.Numeric.Concat(schema.Categorical).SelectMany(f => new[] { f.Name }.Concat(f.Aliases ?? []))
            .Concat(schema.Definition.Classes)
            .Concat(schema.Categorical.SelectMany(f => f.Categories ?? []));
        Usable = texts.All(t => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(t)) == t)
            && Entries.Select(e => Convert.ToHexString(e.Utf8)).Distinct(StringComparer.Ordinal).Count() == Entries.Length;
    }

    /// <summary>False when the schema's names cannot be matched byte for byte; every batch then goes to the document reader.</summary>
    public bool Usable { get; }

    public int NumericCount { get; }

    public int CategoricalCount { get; }

    public int FeatureCount => NumericCount + CategoricalCount;

    /// <summary>Every feature's name and aliases, names first, in column order.</summary>
    public Entry[] Entries { get; }

    public int RequiredCount { get; }

    public bool Counts { get; }

    public bool Rejects { get; }

    public bool IsClassification { get; }

    /// <summary>Per numeric column, its inclusive bounds (infinite when unbounded).</summary>
    public double[] Min { get; }

    public double[] Max { get; }

    public HashSet<string>?[] CategorySets { get; }

    /// <summary>Per categorical column, its known categories when it lists few enough to match them by their bytes.</summary>
    public string[]?[] CategoryValues { get; }

    public byte[][]?[] CategoryUtf8 { get; }

    public byte[][] ClassUtf8 { get; }

    public int[] ClassIndex { get; }

    public static StreamingSchema Of(ModelSchema schema) => Compiled.GetValue(schema, static s => new StreamingSchema(s));

    /// <summary>
    /// The entry a property name (unescaped UTF-8) reads, or -1. Clients send features in a steady order, so the entry
    /// found at the same position last time is tried first. Racing threads may overwrite each other's guesses: a guess
    /// is only a hint, checked before use.
    /// </summary>
    public int Match(ReadOnlySpan<byte> name, int position)
    {
        var entries = Entries;
        var guesses = _guesses;
        if ((uint)position < (uint)guesses.Length)
        {
            var guess = guesses[position];
            if ((uint)guess < (uint)entries.Length && name.SequenceEqual(entries[guess].Utf8))
            {
                return guess;
            }
        }

        for (var i = 0; i < entries.Length; i++)
        {
            if (name.SequenceEqual(entries[i].Utf8))
            {
                if ((uint)position < (uint)guesses.Length)
                {
                    guesses[position] = i;
                }

                return i;
            }
        }

        return -1;
    }

    /// <summary>The known category whose UTF-8 is exactly these bytes, or null.</summary>
    public string? KnownCategory(int column, ReadOnlySpan<byte> utf8)
    {
        if (CategoryUtf8[column] is not { } known)
        {
            return null;
        }

        for (var i = 0; i < known.Length; i++)
        {
            if (utf8.SequenceEqual(known[i]))
            {
                return CategoryValues[column]![i];
            }
        }

        return null;
    }

    /// <summary>The class index of a label given as exactly these bytes, or -1.</summary>
    public int Class(ReadOnlySpan<byte> utf8)
    {
        for (var i = 0; i < ClassUtf8.Length; i++)
        {
            if (utf8.SequenceEqual(ClassUtf8[i]))
            {
                return ClassIndex[i];
            }
        }

        return -1;
    }

    /// <summary>One name a feature is read under. Feature numbers numeric columns first, then categorical ones.</summary>
    internal readonly record struct Entry(byte[] Utf8, int Feature, int Column, bool Numeric, bool Required);
}
