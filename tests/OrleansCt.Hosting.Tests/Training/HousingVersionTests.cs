using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.ML;
using Microsoft.ML.Data;
using OrleansCt.Hosting.Tests.Infrastructure;
using OrleansCt.Testing;

namespace OrleansCt.Hosting.Tests.Training;

/// <summary>
/// Housing (regression, 207 blank total_bedrooms in the file): a LightGBM version trained from the log serves, predicts as ML.NET
/// itself does with the downloaded zip, is reproduced identically, and the zip registered on another model serves the same.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class HousingVersionTests
{
    private static readonly HousingStream Stream = new(seed: 3);

    [Fact]
    public async Task A_trained_version_serves_with_blanks_reproduces_and_its_zip_registers_elsewhere_and_predicts_the_same()
    {
        await using var silo = await TestSilo.StartAsync("housing-versions");
        var http = silo.Http;
        (await http.PutRaw("v1/models/homes", Definitions.Housing)).EnsureSuccessStatusCode();
        for (var from = 0; from < 3000; from += 250)
        {
            (await http.PostRaw("v1/models/homes/events", Stream.EventsBody(from, from + 250))).EnsureSuccessStatusCode();
        }

        var accepted = await (await http.PostRaw("v1/models/homes/retrain", """{"reason": "first batch model"}""")).Read<RetrainView>();
        var decided = await (await http.GetAsync($"v1/models/homes/retrains/{accepted.Id}?wait=120")).Read<RetrainView>();
        Assert.True(decided.State == "promoted", $"{decided.State}: {decided.Decision?.Summary} {decided.Error}");
        Assert.Equal("rmse", decided.Decision!.Metric);
        Assert.Equal("lightGbm", decided.Trainer);

        // Positions 3000–3199 hold rows with a blank total_bedrooms: they are scored like the others.
        var sample = WithoutLabels(Stream.EventsBody(3000, 3200));
        Assert.Contains(Enumerable.Range(3000, 200), j => !Stream.EventsBody(j, j + 1).Contains("total_bedrooms", StringComparison.Ordinal));
        var served = await (await http.PostRaw("v1/models/homes/predict", sample)).Read<PredictResponse>();
        Assert.All(served.Predictions, p => Assert.Equal("2", p.Version));

        // ML.NET's own answer: the downloaded zip loaded by MLContext, rows given as ML.NET's typed input, NaN for a blank.
        var zip = await (await http.GetAsync("v1/models/homes/versions/2/artifact")).Content.ReadAsByteArrayAsync();
        var own = MlNetScores(zip, 3000, 3200);
        Assert.Equal(own, served.Predictions.Select(p => p.Value!.Value));

        var reproduced = await (await http.PostAsync("v1/models/homes/versions/2/reproduce", null)).Read<ReproduceResponse>();
        Assert.True(reproduced.Identical, $"{reproduced.IdenticalPredictions} of {reproduced.SampleRows} identical, max difference {reproduced.MaxDifference}");
        Assert.True(reproduced.SameRows && reproduced.SameArtifact);

        // The zip, brought to another model of the same schema, passes the infrastructure check, serves when promoted, and agrees.
        (await http.PutRaw("v1/models/homes-byo", Definitions.Housing)).EnsureSuccessStatusCode();
        var uploaded = await http.PostAsync("v1/models/homes-byo/versions?reason=trained%20elsewhere&by=test", Zip(zip));
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var version = await uploaded.Read<VersionView>();
        Assert.Equal(("2", "upload", "mlnet"), (version.Version, version.Trainer, version.Kind));
        Assert.Equal(HttpStatusCode.OK, (await http.PostRaw("v1/models/homes-byo/versions/2/promote", """{"reason": "bring your own model"}""")).StatusCode);
        var byo = await (await http.PostRaw("v1/models/homes-byo/predict", sample)).Read<PredictResponse>();
        Assert.Equal(own, byo.Predictions.Select(p => p.Value!.Value));
    }

    [Fact]
    public async Task A_corrupt_oversized_or_mismatched_zip_is_refused_naming_the_problem_and_nothing_is_registered()
    {
        await using var silo = await TestSilo.StartAsync("housing-bad-zips");
        var http = silo.Http;
        (await http.PutRaw("v1/models/zips", Definitions.Housing)).EnsureSuccessStatusCode();
        (await http.PutRaw("v1/models/zips-elec", Definitions.Elec2)).EnsureSuccessStatusCode();
        for (var from = 0; from < 1000; from += 250)
        {
            (await http.PostRaw("v1/models/zips/events", Stream.EventsBody(from, from + 250))).EnsureSuccessStatusCode();
        }

        var retrain = await (await http.PostRaw("v1/models/zips/retrain", """{"gate": {"maxWorsening": 1e12}}""")).Read<RetrainView>();
        Assert.Equal("promoted", (await (await http.GetAsync($"v1/models/zips/retrains/{retrain.Id}?wait=120")).Read<RetrainView>()).State);
        var zip = await (await http.GetAsync("v1/models/zips/versions/2/artifact")).Content.ReadAsByteArrayAsync();

        var corrupt = await http.PostAsync("v1/models/zips/versions", Zip([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, corrupt.StatusCode);
        Assert.Equal("artifact", await FirstField(corrupt));

        // A housing zip on the elec2 model: its input columns are not elec2's features.
        var mismatched = await http.PostAsync("v1/models/zips-elec/versions", Zip(zip));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, mismatched.StatusCode);
        var field = await FirstField(mismatched);
        Assert.Contains(field, new[] { "date", "day", "period", "nswprice", "nswdemand", "vicprice", "vicdemand", "transfer", "artifact" });

        var oversized = await http.PostAsync("v1/models/zips/versions", Zip(new byte[(64 * 1024 * 1024) + 1]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversized.StatusCode);

        var empty = await http.PostAsync("v1/models/zips/versions", Zip([]));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);

        Assert.Equal(2, (await (await http.GetAsync("v1/models/zips/versions")).Read<VersionListResponse>()).Versions.Count);
        Assert.Single((await (await http.GetAsync("v1/models/zips-elec/versions")).Read<VersionListResponse>()).Versions);
    }

    private static ByteArrayContent Zip(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        return content;
    }

    private static async Task<string> FirstField(HttpResponseMessage response)
    {
        var problem = await response.ReadJson();
        return problem.GetProperty("errors")[0].GetProperty("field").GetString()!;
    }

    private static string WithoutLabels(string body) => System.Text.RegularExpressions.Regex.Replace(body, "\"label\": [^,]+, ", "");

    /// <summary>Scores of positions [from, to) by ML.NET itself: Model.Load, LoadFromEnumerable of typed rows, Transform, the Score column.</summary>
    private static double[] MlNetScores(byte[] zip, int from, int to)
    {
        var ml = new MLContext(seed: 0);
        using var stream = new MemoryStream(zip);
        var model = ml.Model.Load(stream, out _);
        var lines = File.ReadAllLines(RepoFiles.PathOf("data/housing/housing.csv"));
        var order = Enumerable.Range(0, lines.Length - 1).ToArray();
        new Random(3).Shuffle(order);
        var rows = Enumerable.Range(from, to - from).Select(j => HousingRow.Parse(lines[order[j] + 1])).ToList();
        var scored = model.Transform(ml.Data.LoadFromEnumerable(rows));
        return [.. scored.GetColumn<float>("Score").Select(v => (double)v)];
    }

    /// <summary>A housing row as ML.NET's typed input: numeric as Single (NaN when blank), the category as text.</summary>
    private sealed class HousingRow
    {
        [ColumnName("longitude")] public float Longitude { get; set; }
        [ColumnName("latitude")] public float Latitude { get; set; }
        [ColumnName("housing_median_age")] public float Age { get; set; }
        [ColumnName("total_rooms")] public float Rooms { get; set; }
        [ColumnName("total_bedrooms")] public float Bedrooms { get; set; }
        [ColumnName("population")] public float Population { get; set; }
        [ColumnName("households")] public float Households { get; set; }
        [ColumnName("median_income")] public float Income { get; set; }
        [ColumnName("ocean_proximity")] public string Ocean { get; set; } = "";

        public static HousingRow Parse(string line)
        {
            var c = line.Split(',');
            float F(int i) => c[i].Length == 0 ? float.NaN : (float)double.Parse(c[i], CultureInfo.InvariantCulture);
            return new HousingRow
            {
                Longitude = F(0), Latitude = F(1), Age = F(2), Rooms = F(3), Bedrooms = F(4), Population = F(5), Households = F(6), Income = F(7), Ocean = c[9],
            };
        }
    }
}
