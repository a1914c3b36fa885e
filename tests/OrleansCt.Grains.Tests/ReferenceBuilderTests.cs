using System.Text;
using OrleansCt.Abstractions.Models;
using OrleansCt.Core.Schema;
using OrleansCt.Grains.Log;
using OrleansCt.Grains.Model;

namespace OrleansCt.Grains.Tests;

/// <summary>A reference from CSV and from an event-time range of a real SQLite log, with the rows worked from the input of each test.</summary>
public sealed class ReferenceBuilderTests : IAsyncLifetime
{
    private readonly TestLog _store = new();
    private readonly ModelSchema _schema = new(TestLog.Definition);

    [Fact]
    public async Task The_events_of_a_range_become_the_reference_with_the_scores_they_were_answered_with()
    {
        var log = await _store.OpenAsync();
        // Times 0, 1, 2; x = 1, 2, 3; p("yes") = 0.1, 0.2, 0.3.
        await log.Reserve(TestLog.Events(1_000, ["a", "b", "c"]), []).Durable;
        var builder = new ReferenceBuilder(log);

        var read = await builder.FromEventsAsync(_schema, 1, 3);

        // [1, 3) holds b and c.
        Assert.Equal("events", read.Source);
        Assert.Empty(read.Errors);
        Assert.Equal([2.0, 3.0], read.Batch!.Numeric[0]);
        Assert.Equal([0.2, 0.3], read.Scores!);
        var profile = ReferenceBuilder.Profile(_schema, 4, read, chunkRows: null);
        Assert.Equal((4, "events", 2L), (profile.Revision, profile.Source, profile.Rows));

        var none = await builder.FromEventsAsync(_schema, 10, 20);
        Assert.Equal("from", Assert.Single(none.Errors).Field);
        Assert.Null(none.Batch);
    }

    [Fact]
    public async Task Csv_rows_are_read_against_the_schema_and_give_no_scores_before_the_learner_learned()
    {
        var log = await _store.OpenAsync();
        var applier = new ModelApplier(new ModelState());
        applier.Apply(1, new DefinitionEntry(0, TestLog.Definition, 1));
        var csv = Encoding.UTF8.GetBytes("x,c,y\n1,a,yes\n3,b,no\n");

        var read = await new ReferenceBuilder(log).ReadAsync(new ReferenceSubmission(csv, null, null, false), _schema, applier.Learner!);

        Assert.Equal("csv", read.Source);
        Assert.Equal([1.0, 3.0], read.Batch!.Numeric[0]);
        Assert.Null(read.Scores);
        // Both rows have x, between 1 and 3: accepting makes x required on [1, 3]; c is categorical and keeps its spec's type.
        var accepted = ReferenceBuilder.Accept(TestLog.Definition, read.Inferred!);
        var x = accepted.Features[0];
        Assert.Equal((1.0, 3.0, true), (x.Min, x.Max, x.Required));
        Assert.Equal(FeatureType.Categorical, accepted.Features[1].Type);
    }

    [Fact]
    public async Task A_submission_naming_no_source_or_an_unreadable_csv_is_refused()
    {
        var builder = new ReferenceBuilder(await _store.OpenAsync());
        var applier = new ModelApplier(new ModelState());
        applier.Apply(1, new DefinitionEntry(0, TestLog.Definition, 1));

        var neither = await builder.ReadAsync(new ReferenceSubmission(null, 5, 5, false), _schema, applier.Learner!);
        Assert.Equal(("", "body"), (neither.Source, Assert.Single(neither.Errors).Field));

        var wrong = await builder.ReadAsync(new ReferenceSubmission(Encoding.UTF8.GetBytes("z\n1\n"), null, null, false), _schema, applier.Learner!);
        Assert.Equal("csv", wrong.Source);
        Assert.NotEmpty(wrong.Errors);

        // A value longer than a category names its column (the line is in the message); the table's shape names the body.
        var longValue = await builder.ReadAsync(new ReferenceSubmission(Encoding.UTF8.GetBytes($"x,c,y\n1,{new string('c', 257)},yes\n"), null, null, false), _schema, applier.Learner!);
        var error = Assert.Single(longValue.Errors);
        Assert.Equal(("c", "line 2: the value in column 'c' is 257 characters long; a reference value is at most 256, as a category is."), (error.Field, error.Message));
        var twice = await builder.ReadAsync(new ReferenceSubmission(Encoding.UTF8.GetBytes("x,x\n1,2\n"), null, null, false), _schema, applier.Learner!);
        Assert.Equal("body", Assert.Single(twice.Errors).Field);
        Assert.Null(wrong.Batch);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _store.DisposeAsync();
}
