using System.Reflection;

namespace OrleansCt.Training.Trainers;

/// <summary>
/// Sets a spec's options on an ML.NET options object: each option is the public field of the same name in PascalCase
/// (numberOfLeaves → NumberOfLeaves), converted to the field's type. <c>TrainerOptionTests</c> checks every rule has its field.
/// </summary>
internal static class OptionFields
{
    public static T Apply<T>(T options, TrainerSpec spec)
        where T : class
    {
        foreach (var (name, value) in spec.OptionValues)
        {
            var field = Field(options.GetType(), name)
                ?? throw new TrainerSpecException($"options.{name}", $"options.{name} has no field on {options.GetType().FullName}.");
            field.SetValue(options, Convert(value, field.FieldType));
        }

        return options;
    }

    public static FieldInfo? Field(Type type, string name) =>
        type.GetField(char.ToUpperInvariant(name[0]) + name[1..], BindingFlags.Public | BindingFlags.Instance);

    private static object Convert(double value, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return target switch
        {
            _ when target == typeof(bool) => value != 0,
            _ when target == typeof(int) => (int)value,
            _ when target == typeof(float) => (float)value,
            _ when target == typeof(double) => value,
            _ => throw new InvalidOperationException($"option fields of type {type.Name} are not supported."),
        };
    }
}
