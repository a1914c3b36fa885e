using Microsoft.ML;
using Microsoft.ML.Data;

namespace OrleansCt.Training.Views;

/// <summary>One column of a <see cref="ColumnarDataView"/>: its name, ML.NET type, annotations and a value per row.</summary>
internal abstract class ViewColumn(string name, DataViewType type, DataViewSchema.Annotations? annotations)
{
    public string Name { get; } = name;

    public DataViewType Type { get; } = type;

    public DataViewSchema.Annotations? Annotations { get; } = annotations;

    /// <summary>A getter that reads the cursor's current row.</summary>
    public abstract Delegate Getter(ColumnarCursor cursor);

    public static ViewColumn Of<T>(string name, DataViewType type, Func<int, T> read, DataViewSchema.Annotations? annotations = null) =>
        new Typed<T>(name, type, read, annotations);

    private sealed class Typed<T>(string name, DataViewType type, Func<int, T> read, DataViewSchema.Annotations? annotations)
        : ViewColumn(name, type, annotations)
    {
        public override Delegate Getter(ColumnarCursor cursor) => (ValueGetter<T>)((ref T value) => value = read(cursor.Row));
    }
}
