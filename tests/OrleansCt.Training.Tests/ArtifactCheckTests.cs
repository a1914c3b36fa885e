using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using OrleansCt.Training.Artifacts;
using OrleansCt.Training.Tests.Support;

namespace OrleansCt.Training.Tests;

/// <summary>The infrastructure check refuses a zip that breaks the contract, naming the zip or the column at fault.</summary>
public sealed class ArtifactCheckTests
{
    private readonly MLContext _ml = new(1);

    [Fact]
    public void Bytes_that_are_not_a_zip_are_refused_as_not_a_model_zip()
    {
        var error = Assert.Throws<ArtifactException>(() => ModelArtifact.Load("not a zip at all"u8, Tiny.Schema));

        Assert.Equal("artifact", error.Field);
        Assert.StartsWith("artifact: not an ML.NET model zip: ", error.Message);
    }

    [Fact]
    public void A_zip_that_holds_no_model_is_refused_as_not_a_model_zip()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("hello.txt").Open());
            writer.Write("hello");
        }

        var error = Assert.Throws<ArtifactException>(() => ModelArtifact.Load(stream.ToArray(), Tiny.Schema));

        Assert.Equal("artifact", error.Field);
        Assert.StartsWith("artifact: not an ML.NET model zip: ", error.Message);
    }

    [Fact]
    public void A_zip_one_byte_over_the_limit_is_refused_and_one_at_the_limit_loads()
    {
        var bytes = Tiny.Save(_ml, Tiny.Pipeline(_ml, _ml.BinaryClassification.Trainers.LbfgsLogisticRegression()), _ml.Data.LoadFromEnumerable(Tiny.Rows()));

        var error = Assert.Throws<ArtifactException>(() => ModelArtifact.Load(bytes, Tiny.Schema, maxBytes: bytes.Length - 1));

        Assert.Equal("artifact", error.Field);
        Assert.Contains("exceed the limit", error.Message);
        Assert.NotNull(ModelArtifact.Load(bytes, Tiny.Schema, maxBytes: bytes.Length));
    }

    [Fact]
    public void A_zip_saved_without_its_input_schema_is_refused()
    {
        var model = Tiny.Pipeline(_ml, _ml.BinaryClassification.Trainers.LbfgsLogisticRegression()).Fit(_ml.Data.LoadFromEnumerable(Tiny.Rows()));
        using var stream = new MemoryStream();
        _ml.Model.Save(model, null, stream);

        var error = Assert.Throws<ArtifactException>(() => ModelArtifact.Load(stream.ToArray(), Tiny.Schema));

        Assert.Equal("artifact", error.Field);
        Assert.Contains("no input schema", error.Message);
    }

    [Fact]
    public void A_model_without_a_feature_column_is_refused_naming_the_column()
    {
        var definition = SchemaDefinition.Create(typeof(TinyRow));
        definition["b"].ColumnName = "b_renamed";
        var pipeline = _ml.Transforms.Categorical.OneHotEncoding("c")
            .Append(_ml.Transforms.Concatenate("Features", "a", "b_renamed", "c"))
            .Append(_ml.BinaryClassification.Trainers.LbfgsLogisticRegression());
        var bytes = Tiny.Save(_ml, pipeline, _ml.Data.LoadFromEnumerable(Tiny.Rows(), definition));

        var error = Assert.Throws<ArtifactException>(() => ModelArtifact.Load(bytes, Tiny.Schema));

        Assert.Equal("b", error.Field);
        Assert.StartsWith("artifact: input column 'b' is missing", error.Message);
    }

    [Fact]
    public void A_model_whose_numeric_column_is_a_double_is_refused_naming_the_column_and_types()
    {
        var rows = Tiny.Rows().Select(r => new TinyRowWithDouble { A = r.A, B = r.B, C = r.C, Label = r.Label });
        var pipeline = _ml.Transforms.Conversion.ConvertType("a", outputKind: DataKind.Single)
            .Append(Tiny.Pipeline(_ml, _ml.BinaryClassification.Trainers.LbfgsLogisticRegression()));
        var bytes = Tiny.Save(_ml, pipeline, _ml.Data.LoadFromEnumerable(rows));

        var error = Assert.Throws<ArtifactException>(() => ModelArtifact.Load(bytes, Tiny.Schema));

        Assert.Equal("a", error.Field);
        Assert.Equal("artifact: input column 'a' is Double but the numeric feature must be Single.", error.Message);
    }

    [Fact]
    public void A_binary_model_without_probabilities_is_refused_naming_Probability()
    {
        var bytes = Tiny.Save(_ml, Tiny.Pipeline(_ml, _ml.BinaryClassification.Trainers.AveragedPerceptron()), _ml.Data.LoadFromEnumerable(Tiny.Rows()));

        var error = Assert.Throws<ArtifactException>(() => ModelArtifact.Load(bytes, Tiny.Schema));

        Assert.Equal("Probability", error.Field);
        Assert.StartsWith("artifact: output column 'Probability' is missing", error.Message);
    }

    [Fact]
    public void A_regression_model_loaded_as_multiclass_is_refused_naming_Score()
    {
        var bytes = Tiny.Save(
            _ml,
            _ml.Transforms.Conversion.ConvertType("Label", outputKind: DataKind.Single)
                .Append(Tiny.Pipeline(_ml, _ml.Regression.Trainers.Sdca())),
            _ml.Data.LoadFromEnumerable(Tiny.Rows()));
        var multiclass = new Core.Schema.ModelSchema(Tiny.Schema.Definition with { Task = ModelTask.Multiclass, Classes = ["x", "y", "z"] });

        var error = Assert.Throws<ArtifactException>(() => ModelArtifact.Load(bytes, multiclass));

        Assert.Equal("Score", error.Field);
        Assert.Equal("artifact: output column 'Score' is Single but a multiclass model over 3 classes must output Vector<Single, 3>.", error.Message);
    }
}
