using OrleansCt.Core.Events;

namespace OrleansCt.Core.Validation;

/// <summary>
/// The streaming event reader's scratch columns, kept per thread: a batch is read into them without knowing its size,
/// then copied out at its exact size. Rows are pre-filled with "missing" as they start.
/// </summary>
internal sealed class StreamingBuffers
{
    private const int FirstCapacity = 256;

    /// <summary>Scratch bigger than this many slots is let go after use rather than kept for the thread's next batch.</summary>
    private const long MaxKeptSlots = 1 << 21;

    [ThreadStatic]
    private static StreamingBuffers? t_kept;

    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _eventUnknowns = [];
    private int[] _seen = [];
    private int _stamp;
    private int _capacity;
    private int _started;
    private int _numericCount;
    private int _categoricalCount;

    public string[] Ids { get; private set; } = [];

    public double[] Times { get; private set; } = [];

    public double[] Labels { get; private set; } = [];

    public double[][] Numeric { get; private set; } = [];

    public string?[][] Categorical { get; private set; } = [];

    /// <summary>True once any event carried a label.</summary>
    public bool AnyLabel { get; set; }

    public Dictionary<string, long>? NewFeatures { get; private set; }

    /// <summary>The thread's scratch, sized for this schema, empty.</summary>
    public static StreamingBuffers Rent(StreamingSchema schema)
    {
        var buffers = t_kept ?? new StreamingBuffers();
        t_kept = null;
        buffers.Reset(schema);
        return buffers;
    }

    /// <summary>Clears what the batch left (so no id or category is kept alive) and keeps the scratch for the thread's next batch.</summary>
    public static void Return(StreamingBuffers buffers)
    {
        var used = buffers._started;
        Array.Clear(buffers.Ids, 0, used);
        for (var c = 0; c < buffers._categoricalCount; c++)
        {
            Array.Clear(buffers.Categorical[c], 0, used);
        }

        buffers._started = 0;
        buffers._ids.Clear();
        buffers._eventUnknowns.Clear();
        buffers.NewFeatures = null;
        if ((long)buffers._capacity * (buffers.Numeric.Length + buffers.Categorical.Length + 3) <= MaxKeptSlots)
        {
            t_kept = buffers;
        }
    }

    /// <summary>Starts row <paramref name="row"/>: missing values, no label, the arrival time; grows the scratch when full.</summary>
    public void StartRow(int row, double arrival)
    {
        if (row == _capacity)
        {
            Grow(Math.Min(Math.Max(FirstCapacity, _capacity * 2), BatchLimits.MaxEvents));
        }

        _started = row + 1;
        Times[row] = arrival;
        Labels[row] = double.NaN;
        for (var c = 0; c < _numericCount; c++)
        {
            Numeric[c][row] = double.NaN;
        }

        for (var c = 0; c < _categoricalCount; c++)
        {
            Categorical[c][row] = null;
        }
    }

    /// <summary>Adds an id; false when the batch already holds it.</summary>
    public bool AddId(int row, string id)
    {
        if (!_ids.Add(id))
        {
            return false;
        }

        Ids[row] = id;
        return true;
    }

    /// <summary>A new stamp for one event's features: <see cref="See"/> tells a feature seen twice in it.</summary>
    public int NextStamp()
    {
        if (_stamp == int.MaxValue)
        {
            Array.Clear(_seen);
            _stamp = 0;
        }

        if (_eventUnknowns.Count > 0)
        {
            _eventUnknowns.Clear();
        }

        return ++_stamp;
    }

    /// <summary>Marks a feature seen in the event with this stamp; false if it already was.</summary>
    public bool See(int feature, int stamp)
    {
        if (_seen[feature] == stamp)
        {
            return false;
        }

        _seen[feature] = stamp;
        return true;
    }

    /// <summary>Counts a feature the schema does not know; false when the event already carried that name.</summary>
    public bool CountNewFeature(string name)
    {
        if (_eventUnknowns.Contains(name))
        {
            return false;
        }

        _eventUnknowns.Add(name);
        NewFeatures ??= new Dictionary<string, long>(StringComparer.Ordinal);
        NewFeatures[name] = NewFeatures.GetValueOrDefault(name) + 1;
        return true;
    }

    /// <summary>The first <paramref name="rows"/> rows as a batch of exactly that size.</summary>
    public EventBatch ToBatch(int rows, bool withLabels)
    {
        var numeric = new double[_numericCount][];
        for (var c = 0; c < numeric.Length; c++)
        {
            numeric[c] = Numeric[c].AsSpan(0, rows).ToArray();
        }

        var categorical = new string?[_categoricalCount][];
        for (var c = 0; c < categorical.Length; c++)
        {
            categorical[c] = Categorical[c].AsSpan(0, rows).ToArray();
        }

        return new EventBatch
        {
            Ids = Ids.AsSpan(0, rows).ToArray(),
            Times = Times.AsSpan(0, rows).ToArray(),
            Numeric = numeric,
            Categorical = categorical,
            Labels = withLabels && AnyLabel ? Labels.AsSpan(0, rows).ToArray() : null,
            NewFeatures = NewFeatures,
        };
    }

    private void Reset(StreamingSchema schema)
    {
        _numericCount = schema.NumericCount;
        _categoricalCount = schema.CategoricalCount;
        AnyLabel = false;
        NewFeatures = null;
        _ids.Clear();
        _eventUnknowns.Clear();
        if (_seen.Length < schema.FeatureCount)
        {
            _seen = new int[schema.FeatureCount];
            _stamp = 0;
        }

        if (Numeric.Length < _numericCount || Categorical.Length < _categoricalCount)
        {
            // Columns for a wider schema; the rows already kept are of no use to it.
            Numeric = new double[Math.Max(Numeric.Length, _numericCount)][];
            Categorical = new string?[Math.Max(Categorical.Length, _categoricalCount)][];
            var capacity = _capacity;
            _capacity = 0;
            Grow(capacity);
        }
    }

    private void Grow(int capacity)
    {
        var used = _capacity;
        Ids = Resized(Ids, capacity, used);
        Times = Resized(Times, capacity, used);
        Labels = Resized(Labels, capacity, used);
        for (var c = 0; c < Numeric.Length; c++)
        {
            Numeric[c] = Resized(Numeric[c], capacity, used);
        }

        for (var c = 0; c < Categorical.Length; c++)
        {
            Categorical[c] = Resized(Categorical[c], capacity, used);
        }

        _capacity = capacity;
    }

    private static T[] Resized<T>(T[]? array, int capacity, int used)
    {
        var resized = new T[capacity];
        if (array is not null && used > 0)
        {
            Array.Copy(array, resized, Math.Min(used, array.Length));
        }

        return resized;
    }
}
