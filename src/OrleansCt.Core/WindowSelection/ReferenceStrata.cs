using OrleansCt.Core.Sketches;

namespace OrleansCt.Core.WindowSelection;

/// <summary>The strata of a numeric reference histogram: its bins (underflow, [e_i, e_i+1), overflow) and then one for missing values.</summary>
internal sealed class ReferenceStrata
{
    private readonly double[] _edges;

    private ReferenceStrata(double[] edges, double[] shares)
    {
        _edges = edges;
        Shares = shares;
    }

    /// <summary>Each stratum's share of the reference rows, missing ones included.</summary>
    public double[] Shares { get; }

    public int Count => Shares.Length;

    public static ReferenceStrata From(FixedHistogramState reference, string field)
    {
        if (reference is null || reference.IsCategorical || reference.Edges is null || reference.Counts is null || reference.Counts.Length != reference.Edges.Length + 1)
        {
            throw new ArgumentException($"{field}.Reference is not a numeric reference histogram (edges e_1..e_m and m + 1 counts); pass ColumnReference.Histogram of a numeric feature.", field);
        }

        var total = reference.Counts.Sum() + reference.Missing;
        if (total <= 0 || reference.Counts.Any(c => c < 0) || reference.Missing < 0)
        {
            throw new ArgumentException($"{field}.Reference counts no rows; a reference needs rows to have shares.", field);
        }

        double[] shares = [.. reference.Counts.Select(c => (double)c / total), (double)reference.Missing / total];
        return new ReferenceStrata(reference.Edges, shares);
    }

    /// <summary>The stratum of a value: the number of edges at or below it (as NumericHistogram bins it), or the last stratum when NaN.</summary>
    public int Of(double x)
    {
        if (double.IsNaN(x))
        {
            return Shares.Length - 1;
        }

        return BinEdges.CountAtOrBelow(_edges, x);
    }
}
