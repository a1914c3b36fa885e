using Microsoft.ML;
using Microsoft.ML.Data;

namespace OrleansCt.Training.Views;

/// <summary>A forward cursor over a <see cref="ColumnarDataView"/>, in row order or in a given permutation.</summary>
internal sealed class ColumnarCursor : DataViewRowCursor
{
    private readonly ColumnarDataView _view;
    private readonly bool[] _active;
    private readonly int[]? _order;
    private long _position = -1;

    public ColumnarCursor(ColumnarDataView view, IEnumerable<DataViewSchema.Column> columnsNeeded, int[]? order)
    {
        _view = view;
        _order = order;
        _active = new bool[view.Schema.Count];
        foreach (var column in columnsNeeded)
        {
            _active[column.Index] = true;
        }
    }

    /// <summary>The row of the view the cursor stands on.</summary>
    public int Row { get; private set; } = -1;

    public override long Position => _position;

    public override long Batch => 0;

    public override DataViewSchema Schema => _view.Schema;

    public override bool MoveNext()
    {
        if (_position + 1 >= _view.Rows)
        {
            Row = -1;
            return false;
        }

        _position++;
        Row = _order is null ? (int)_position : _order[_position];
        return true;
    }

    public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (!_active[column.Index])
        {
            throw new InvalidOperationException($"column '{column.Name}' was not asked for when the cursor was made.");
        }

        return _view.Getter(column.Index, this) as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"column '{column.Name}' is {column.Type}, not {typeof(TValue).Name}.");
    }

    /// <summary>Ids are the view's row numbers, so a shuffled cursor gives each row the same id as an ordered one.</summary>
    public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)Row, 0);
}
