using System.Globalization;
using OrleansCt.Core.Drift.Windows;
using OrleansCt.Core.Policy;
using OrleansCt.Core.WindowSelection;
using OrleansCt.Training.Trainers;
using OrleansCt.Training.Validation;
using OrleansCt.Training.WindowSelection;

namespace OrleansCt.Grains.Training;

/// <summary>
/// The three windows of a policy applied to the labelled rows a retrain read (newest last): fixed (the newest rows or seconds),
/// dynamic (each candidate trained and scored on the same newest held-out rows; the winner's length is then trained as a fixed window
/// of that length) and representative (a sample of the older rows matching the reference's bins, leaving out the rows of buckets
/// the monitors flagged as drifted; the gate's held-out rows stay the newest, as they are).
/// </summary>
internal static class TrainingWindows
{
    /// <summary>The newest rows, or those of the newest seconds of event time before <paramref name="positionTime"/>.</summary>
    public static WindowSelection Fixed(LabelledRows read, FixedWindow window, double? positionTime, GateSpec gate)
    {
        var count = window.Seconds is { } seconds ? Within(read, seconds, positionTime) : read.Rows.Count;
        var text = window.Seconds is { } s
            ? $"the {count:N0} labelled rows of the newest {Number(s)} s of event time (up to {Number(positionTime ?? double.NaN)})"
            : $"the newest {count:N0} labelled rows (the window asks for {window.Rows:N0})";
        return new WindowSelection(WindowSelection.Newest(read.Rows.Count, count), gate.HoldoutRows(count), new WindowChoiceView("fixed", text));
    }

    /// <summary>Trains one candidate per length (on the training thread: the caller runs this there) and keeps the chosen length.</summary>
    public static WindowSelection Dynamic(LabelledRows read, DynamicWindow window, double? positionTime, GateSpec gate, TrainerSpec spec, CancellationToken cancellationToken)
    {
        var rows = read.Rows;
        var holdout = window.HoldoutRows;
        if (rows.Count < holdout + 2)
        {
            return WindowSelection.TooFew("dynamic", $"{rows.Count:N0} labelled rows; a dynamic window holds out {holdout:N0} and needs at least 2 more to train on");
        }

        // Each candidate counts its held-out rows; one longer than the rows there are trains on all of them. Equal lengths are one.
        var lengths = new List<(double Candidate, int Train)>();
        foreach (var candidate in window.Candidates)
        {
            var total = window.Unit == WindowUnit.Rows ? (int)Math.Min(candidate, rows.Count) : Within(read, candidate, positionTime);
            var train = total - holdout;
            if (train >= 1 && lengths.All(l => l.Train != train))
            {
                lengths.Add((candidate, train));
            }
        }

        if (lengths.Count == 0)
        {
            return WindowSelection.TooFew("dynamic", $"no candidate holds more than the {holdout:N0} held-out rows among the {rows.Count:N0} read");
        }

        var choice = DynamicWindowSearch.Run(rows, holdout, [.. lengths.Select(l => l.Train)], DynamicWindowSearch.TrainAndScore(spec, cancellationToken), cancellationToken);
        var chosen = choice.ChosenLength + holdout;
        var candidates = choice.Candidates.Select(c => new WindowCandidateView(
            lengths.First(l => l.Train == c.Length).Candidate, c.Length, c.MeanLoss, c.StandardError, c.Length == choice.ChosenLength)).ToList();
        var unit = window.Unit == WindowUnit.Rows ? "rows" : "s";
        var text = $"{Number(candidates.First(c => c.Chosen).Length)} {unit} chosen among {string.Join(", ", candidates.Select(c => $"{Number(c.Length)} ({c.MeanLoss:G4} ± {c.StandardError:G2})"))} "
            + $"by mean loss on the newest {holdout:N0} rows: {choice.Reason}; trained as a fixed window of the newest {chosen:N0} rows";
        return new WindowSelection(WindowSelection.Newest(rows.Count, chosen), gate.HoldoutRows(chosen), new WindowChoiceView("dynamic", text, candidates));
    }

    /// <summary>
    /// A sample of the rows before the gate's held-out ones, matching <paramref name="reference"/>'s bins on every numeric feature it
    /// profiles, none from a bucket in <paramref name="drifted"/> (event-time intervals (start, end]), drawn with <paramref name="seed"/>.
    /// </summary>
    public static WindowSelection Representative(
        LabelledRows read, Core.Policy.RepresentativeWindow window, GateSpec gate, ReferenceProfile? reference, IReadOnlyList<(double Start, double End)> drifted, int seed)
    {
        var rows = read.Rows;
        var holdout = gate.HoldoutRows(rows.Count);
        var older = rows.Count - holdout;
        var features = reference is null ? [] : Features(read, older, reference);
        if (holdout == 0 || features.Count == 0)
        {
            var why = holdout == 0 ? $"{rows.Count:N0} labelled rows are too few for the gate" : "there is no reference with a numeric feature's bins yet";
            return WindowSelection.TooFew("representative", why);
        }

        var excluded = Enumerable.Range(0, older).Select(r => window.ExcludeDrifted && drifted.Any(d => rows.Times[r] > d.Start && rows.Times[r] <= d.End)).ToArray();
        var sample = Core.WindowSelection.RepresentativeWindow.Choose(features, excluded, window.Rows, new Random(seed));
        if (sample.Rows.Length < gate.MinHoldoutRowsOrDefault)
        {
            return WindowSelection.TooFew("representative", $"{sample.Rows.Length:N0} rows could be drawn: {sample.Reason}");
        }

        var text = $"{sample.Rows.Length:N0} of {older:N0} rows drawn ({excluded.Count(e => e):N0} in drifted buckets left out"
            + $"{(window.ExcludeDrifted ? "" : ": excludeDrifted is off")}), stratified on {features[0].Name}: {sample.Reason}";
        return new WindowSelection([.. sample.Rows, .. WindowSelection.Newest(rows.Count, holdout)], holdout, new WindowChoiceView("representative", text));
    }

    /// <summary>Rows whose event time is within <paramref name="seconds"/> before <paramref name="positionTime"/>: the newest of them, counted from the end.</summary>
    private static int Within(LabelledRows read, double seconds, double? positionTime)
    {
        var times = read.Rows.Times;
        var end = positionTime ?? (times.Count > 0 ? times.Max() : 0);
        var count = 0;
        for (var r = times.Count - 1; r >= 0 && times[r] > end - seconds; r--)
        {
            count++;
        }

        return count;
    }

    private static List<StratificationFeature> Features(LabelledRows read, int older, ReferenceProfile reference)
    {
        var schema = read.Rows.Schema;
        var features = new List<StratificationFeature>();
        for (var f = 0; f < schema.Numeric.Count; f++)
        {
            var name = schema.Numeric[f].Name;
            if (reference.Features.FirstOrDefault(c => c.Name == name && !c.Categorical) is { } column)
            {
                features.Add(new StratificationFeature(name, [.. read.Rows.Numeric[f].Take(older)], column.Histogram));
            }
        }

        return features;
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
