using OrleansCt.Abstractions.Training;

namespace OrleansCt.Grains.Training;

/// <summary>
/// What a coordinator stores (as JSON): its retrain records, oldest first; per signal source the high-water mark of the signals it
/// took (the sequence and the keys seen at it); the wall-clock schedule's next due time and the policy it was armed for; the
/// policy a once-trigger already trained for; and the champion staleness already acted on, with its reason.
/// </summary>
internal sealed class CoordinatorBook
{
    public List<RetrainRecord> Records { get; set; } = [];

    public Dictionary<string, SignalMark> Marks { get; set; } = [];

    /// <summary>Unix seconds (of the silo's clock) at which the wall-clock schedule is due next; null without one.</summary>
    public double? NextWall { get; set; }

    public long WallPolicy { get; set; }

    public long OncePolicy { get; set; }

    /// <summary>"{champion}|{trainer and options}|{ML.NET}" already found stale and acted on, so it fires once.</summary>
    public string? StaleChecked { get; set; }

    public string? Stale { get; set; }

    /// <summary>Whether <paramref name="signal"/> is above its source's mark: a later sequence, or a key not seen at the same one.</summary>
    public bool IsNew(TriggerSignal signal) =>
        !Marks.TryGetValue(signal.Source, out var mark) || signal.Sequence > mark.Sequence || (signal.Sequence == mark.Sequence && !mark.Keys.Contains(signal.Key));

    /// <summary>Raises the mark of the signal's source to it.</summary>
    public void See(TriggerSignal signal)
    {
        if (!Marks.TryGetValue(signal.Source, out var mark) || signal.Sequence > mark.Sequence)
        {
            Marks[signal.Source] = new SignalMark(signal.Sequence, [signal.Key]);
        }
        else if (signal.Sequence == mark.Sequence)
        {
            mark.Keys.Add(signal.Key);
        }
    }
}

/// <summary>The newest sequence taken from one source, and the keys of the signals taken at it.</summary>
internal sealed record SignalMark(long Sequence, List<string> Keys);
