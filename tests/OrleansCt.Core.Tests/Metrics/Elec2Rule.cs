using OrleansCt.Core.Tests.Learning;

namespace OrleansCt.Core.Tests.Metrics;

/// <summary>
/// The fixed prediction rule of Reference/metrics_reference.py on elec2, same operations in the same order so the
/// probabilities are bit-identical to the script's: P(UP) = clip(0.3 + 1.6·nswprice − 0.6·vicprice + 0.5·nswdemand − 0.5·period, 0, 1).
/// </summary>
internal static class Elec2Rule
{
    private static readonly Lazy<(double[] Up, int[] Labels)> Data = new(Build);

    /// <summary>P(UP) per row; rows are [1 − p, p] with UP = class 1.</summary>
    public static double[] Up => Data.Value.Up;

    public static int[] Labels => Data.Value.Labels;

    public static int Rows => Up.Length;

    public static double[] Row(int r) => [1.0 - Up[r], Up[r]];

    private static (double[] Up, int[] Labels) Build()
    {
        var batch = Elec2.Batch;
        double[] Column(string name) => batch.Numeric[Array.IndexOf(Elec2.NumericNames, name)];
        var nswprice = Column("nswprice");
        var vicprice = Column("vicprice");
        var nswdemand = Column("nswdemand");
        var period = Column("period");
        var up = new double[nswprice.Length];
        for (var r = 0; r < up.Length; r++)
        {
            var p = 0.3 + (1.6 * nswprice[r]) - (0.6 * vicprice[r]) + (0.5 * nswdemand[r]) - (0.5 * period[r]);
            up[r] = Math.Min(1.0, Math.Max(0.0, p));
        }

        return (up, (batch.Labels ?? throw new InvalidDataException("elec2 has no labels")).Select(l => (int)l).ToArray());
    }
}
