using Microsoft.ML;

namespace OrleansCt.Training.Views;

/// <summary>
/// An <see cref="IDataView"/> over arrays held in memory, one <see cref="ViewColumn"/> each, so that column names can be any
/// string (spaces, dots, unicode) — a POCO class could not carry them.
/// </summary>
internal sealed class ColumnarDataView : IDataView
{
    private readonly ViewColumn[] _columns;

    /// <summary>A view of <paramref name="columns"/>; <paramref name="schema"/>, when given, must describe them in order (a
    /// mapper bound once to a schema takes rows of that very schema object).</summary>
    public ColumnarDataView(IEnumerable<ViewColumn> columns, int rows, DataViewSchema? schema = null)
    {
        _columns = [.. columns];
        Rows = rows;
        Schema = schema ?? SchemaOf(_columns);
    }

    public int Rows { get; }

    /// <summary>Shuffling is a permutation drawn from the trainer's (seeded) random source, so it is reproducible.</summary>
    public bool CanShuffle => true;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => Rows;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new ColumnarCursor(this, columnsNeeded, rand is null ? null : Permutation(rand));

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    internal Delegate Getter(int column, ColumnarCursor cursor) => _columns[column].Getter(cursor);

    private static DataViewSchema SchemaOf(ViewColumn[] columns)
    {
        var builder = new DataViewSchema.Builder();
        foreach (var column in columns)
        {
            builder.AddColumn(column.Name, column.Type, column.Annotations);
        }

        return builder.ToSchema();
    }

    private int[] Permutation(Random random)
    {
        var order = new int[Rows];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }
}
