namespace OrleansCt.Core.Validation;

/// <summary>
/// Where in a request an error is, e.g. events[3].features.nswprice — kept as parts and written out only when an
/// error is reported, so reading a valid batch builds no strings.
/// </summary>
internal readonly record struct FieldPath(string Collection, int Index, string? Member = null, string? Key = null)
{
    public FieldPath With(string member, string? key = null) => this with { Member = member, Key = key };

    public override string ToString() =>
        Member is null ? $"{Collection}[{Index}]" : Key is null ? $"{Collection}[{Index}].{Member}" : $"{Collection}[{Index}].{Member}.{Key}";
}
