using System.Text;
using System.Text.Json;
using OrleansCt.Grains.Training;

namespace OrleansCt.Grains.Tests.Training;

/// <summary>The coordinator's retrain records stored as JSON and read back: every field, doubles to the bit, nulls left out.</summary>
public sealed class CoordinatorJsonTests
{
    // Doubles whose shortest decimal form is long or that a careless format would round: 0.1 + 0.2, 1/3, the extremes.
    private const double Awkward = 0.1 + 0.2;
    private static readonly double Third = 1.0 / 3;

    [Fact]
    public void Records_with_every_field_set_read_back_the_same_to_the_bit()
    {
        var full = Full();
        var sparse = Sparse();
        var json = CoordinatorJson.Write(new CoordinatorBook { Records = [full, sparse] });

        var read = CoordinatorJson.Read(json);

        Assert.Equal(2, read.Records.Count);
        // Written again, the read records give the same bytes: nothing lost or changed on the way.
        Assert.Equal(Encoding.UTF8.GetString(json), Encoding.UTF8.GetString(CoordinatorJson.Write(read)));

        var (view, request) = (read.Records[0].View, read.Records[0].Request);
        Assert.Equal(Bits(Math.PI * 1e6), Bits(read.Records[0].Due!.Value));
        Assert.Equal(("3", "elec", "promoted", "request", "why", "me", "scratch", "lightGbm", 7, 40_000),
            (view.Id, view.Model, view.State, view.Trigger, view.Reason, view.By, view.Kind, view.Trainer, view.Seed, view.Rows));
        Assert.Equal(Bits(Third), Bits(view.Options!["learningRate"]));
        Assert.Equal((1_234L, Bits(Awkward)), (view.Position, Bits(view.PositionEventTime!.Value)));
        Assert.Equal(new TrainingWindowView(double.Epsilon, 1.7976931348623157e308, 2, 1_233, 31_999, "abc"), view.Window);
        Assert.Equal(410, view.HoldoutRows);
        Assert.Equal(new TrainingCostView(31_999, 100, 3_199_900, 0.123456789012345678), view.Cost);
        Assert.Equal(("2", "1", 1_300L, "boom", 2), (view.Candidate, view.Champion, view.PromotedAtSequence, view.Error, view.Attempts));
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(2)), view.RequestedAt);
        Assert.Equal(TimeSpan.FromHours(2), view.RequestedAt.Offset);

        var decision = view.Decision!;
        Assert.Equal((true, "passed", "accuracy", Bits(0.9123456789012345), Bits(Awkward)),
            (decision.Passed, decision.Summary, decision.Metric, Bits(decision.Candidate!.Value), Bits(decision.Champion!.Value)));
        Assert.Equal(2, decision.Reasons.Count);
        Assert.Equal(new GateReasonView("change", true, "better", -Third, 0.0), decision.Reasons[0]);
        // A value no metric could measure (AUC of one class) is stored by name.
        Assert.True(double.IsNaN(decision.Reasons[1].Value!.Value));
        Assert.Equal(double.PositiveInfinity, decision.Reasons[1].Threshold);

        Assert.Equal([new RetrainStepView("requested", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), "asked"),
            new RetrainStepView("promoted", new DateTimeOffset(2026, 1, 2, 3, 9, 5, TimeSpan.Zero), "done")], view.Steps);

        Assert.Equal(("why", "me", "lightGbm", 7, "scratch", 40_000), (request.Reason, request.By, request.Trainer, request.Seed, request.Kind, request.Rows));
        Assert.Equal(Bits(Third), Bits(request.Options!["learningRate"]));
        Assert.Equal(new GateRequest
        {
            Metric = "accuracy", Floor = 0.5, MaxWorsening = Awkward, MaxRelativeWorsening = 1e-300, MaxLatencyMs = 250,
            HoldoutFraction = 0.2, MaxHoldoutRows = 5_000,
        }, request.Gate);

        // The sparse record: its nulls come back null.
        var second = read.Records[1];
        Assert.Null(second.Due);
        Assert.Equal(("4", "requested", 0), (second.View.Id, second.View.State, second.View.Attempts));
        Assert.True(second.View is { Reason: null, By: null, Options: null, PositionEventTime: null, Window: null, HoldoutRows: null, Cost: null, Candidate: null, Champion: null, Decision: null, PromotedAtSequence: null, Error: null });
        Assert.True(second.Request is { Reason: null, Trainer: null, Options: null, Seed: null, Kind: null, Rows: null, Gate: null });
    }

    [Fact]
    public void Nulls_are_left_out_and_names_are_camel_case()
    {
        var json = CoordinatorJson.Write(new CoordinatorBook { Records = [Sparse()] });
        var record = JsonDocument.Parse(json).RootElement.GetProperty("records")[0];

        // No "due" (null); the record's derived "decided" may be written, and is not read back.
        Assert.Equal(["view", "request"], record.EnumerateObject().Select(p => p.Name).Where(n => n != "decided"));
        Assert.Equal(["id", "model", "state", "trigger", "kind", "trainer", "seed", "rows", "position", "attempts", "requestedAt", "steps"],
            record.GetProperty("view").EnumerateObject().Select(p => p.Name));
        Assert.Empty(record.GetProperty("request").EnumerateObject());
        Assert.DoesNotContain("null", Encoding.UTF8.GetString(json), StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_stored_reads_as_no_records()
    {
        Assert.Empty(CoordinatorJson.Read(null).Records);
        Assert.Empty(CoordinatorJson.Read(CoordinatorJson.Write(new CoordinatorBook())).Records);
    }

    [Fact]
    public void The_first_builds_records_alone_read_as_a_book_with_no_marks()
    {
        // The first build stored the records as a bare array; that is the "records" member of today's book.
        var array = JsonDocument.Parse(CoordinatorJson.Write(new CoordinatorBook { Records = [Full(), Sparse()] })).RootElement.GetProperty("records").GetRawText();

        var read = CoordinatorJson.Read(Encoding.UTF8.GetBytes(array));

        Assert.Equal(["3", "4"], read.Records.Select(r => r.View.Id));
        Assert.Empty(read.Marks);
        Assert.Null(read.NextWall);
    }

    [Fact]
    public void Signal_marks_ignore_what_was_seen_and_take_what_is_newer()
    {
        var book = new CoordinatorBook();
        var opened = Signal("drift:a:1/opened", 10);
        book.See(opened);

        Assert.False(book.IsNew(opened));
        Assert.True(book.IsNew(Signal("drift:b:1/opened", 10)));
        Assert.False(book.IsNew(Signal("drift:b:1/opened", 9)));
        Assert.True(book.IsNew(Signal("drift:a:1/escalated", 11)));
        // Another source keeps its own mark.
        Assert.True(book.IsNew(Signal("events:3:1", 5) with { Source = "schedule" }));

        var read = CoordinatorJson.Read(CoordinatorJson.Write(book));
        Assert.False(read.IsNew(opened));
        Assert.True(read.IsNew(Signal("drift:b:1/opened", 10)));
    }

    private static Abstractions.Training.TriggerSignal Signal(string key, long sequence) =>
        new(key, "alert", "drift", "a", AlertSeverity.Critical, "opened", sequence, 100, 1, 1);

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);

    private static RetrainRecord Full()
    {
        var options = new Dictionary<string, double> { ["learningRate"] = Third };
        var request = new RetrainRequest
        {
            Reason = "why",
            By = "me",
            Trainer = "lightGbm",
            Options = options,
            Seed = 7,
            Kind = "scratch",
            Rows = 40_000,
            Gate = new GateRequest
            {
                Metric = "accuracy", Floor = 0.5, MaxWorsening = Awkward, MaxRelativeWorsening = 1e-300, MaxLatencyMs = 250,
                HoldoutFraction = 0.2, MaxHoldoutRows = 5_000,
            },
        };
        var view = new RetrainView
        {
            Id = "3",
            Model = "elec",
            State = "promoted",
            Trigger = "request",
            Reason = "why",
            By = "me",
            Kind = "scratch",
            Trainer = "lightGbm",
            Options = options,
            Seed = 7,
            Rows = 40_000,
            Position = 1_234,
            PositionEventTime = Awkward,
            Window = new TrainingWindowView(double.Epsilon, 1.7976931348623157e308, 2, 1_233, 31_999, "abc"),
            HoldoutRows = 410,
            Cost = new TrainingCostView(31_999, 100, 3_199_900, 0.123456789012345678),
            Candidate = "2",
            Champion = "1",
            Decision = new GateView(true, "passed", "accuracy", 0.9123456789012345, Awkward,
                [new GateReasonView("change", true, "better", -Third, 0.0), new GateReasonView("floor", true, "no floor", double.NaN, double.PositiveInfinity)]),
            PromotedAtSequence = 1_300,
            Error = "boom",
            Attempts = 2,
            RequestedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(2)),
            Steps =
            [
                new RetrainStepView("requested", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), "asked"),
                new RetrainStepView("promoted", new DateTimeOffset(2026, 1, 2, 3, 9, 5, TimeSpan.Zero), "done"),
            ],
        };
        return new RetrainRecord(view, request, Math.PI * 1e6);
    }

    private static RetrainRecord Sparse() => new(
        new RetrainView { Id = "4", Model = "elec", State = "requested", Trigger = "request", Kind = "scratch", Trainer = "lightGbm", Steps = [] },
        new RetrainRequest(),
        null);
}
