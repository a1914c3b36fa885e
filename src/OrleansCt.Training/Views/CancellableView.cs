using Microsoft.ML;
using Microsoft.ML.Data;

namespace OrleansCt.Training.Views;

/// <summary>
/// A data view whose cursors throw <see cref="OperationCanceledException"/> at the next row once the token fires: trainers
/// that pass over their data again and again (SDCA, L-BFGS, the online ones) are cancelled within a pass.
/// </summary>
internal sealed class CancellableView(IDataView inner, CancellationToken cancellation) : IDataView
{
    public bool CanShuffle => inner.CanShuffle;

    public DataViewSchema Schema => inner.Schema;

    public long? GetRowCount() => inner.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(inner.GetRowCursor(columnsNeeded, rand), cancellation);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [.. inner.GetRowCursorSet(columnsNeeded, n, rand).Select(c => new Cursor(c, cancellation))];

    private sealed class Cursor(DataViewRowCursor inner, CancellationToken cancellation) : DataViewRowCursor
    {
        public override long Position => inner.Position;

        public override long Batch => inner.Batch;

        public override DataViewSchema Schema => inner.Schema;

        public override bool MoveNext()
        {
            cancellation.ThrowIfCancellationRequested();
            return inner.MoveNext();
        }

        public override bool IsColumnActive(DataViewSchema.Column column) => inner.IsColumnActive(column);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => inner.GetGetter<TValue>(column);

        public override ValueGetter<DataViewRowId> GetIdGetter() => inner.GetIdGetter();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
