using Microsoft.ML;
using Microsoft.ML.Data;
using OrleansCt.Core.Schema;
using OrleansCt.Training.Views;

namespace OrleansCt.Training.Artifacts;

/// <summary>The infrastructure check of a model zip (see <see cref="ModelArtifact.Load(ReadOnlySpan{byte}, ModelSchema, long)"/>).</summary>
internal static class ArtifactCheck
{
    public static LoadedModel Load(ReadOnlySpan<byte> bytes, ModelSchema schema, long maxBytes)
    {
        if (bytes.Length > maxBytes)
        {
            throw new ArtifactException("artifact", $"artifact: {bytes.Length:N0} bytes exceed the limit of {maxBytes:N0} bytes; store a smaller model or raise the limit.");
        }

        var ml = new MLContext(0);
        ITransformer transformer;
        DataViewSchema? input;
        try
        {
            transformer = ml.Model.Load(new MemoryStream(bytes.ToArray(), writable: false), out input);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ArtifactException("artifact", $"artifact: not an ML.NET model zip: {e.Message}", e);
        }

        if (input is null)
        {
            throw new ArtifactException("artifact", "artifact: the zip has no input schema; save it with mlContext.Model.Save(model, data.Schema, stream).");
        }

        CheckInputs(schema, input);
        var labelType = input.GetColumnOrNull(ContractColumns.Label)?.Type is { } type && ContractViews.CanSupplyLabel(type) ? type : null;
        var viewSchema = ContractViews.Empty(schema, labelType).Schema;
        DataViewSchema output;
        IRowToRowMapper? mapper;
        try
        {
            output = transformer.GetOutputSchema(viewSchema);
            mapper = transformer.IsRowToRowMapper ? transformer.GetRowToRowMapper(viewSchema) : null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ArtifactException("artifact", $"artifact: the model does not take the contract's input columns: {e.Message}", e);
        }

        return new LoadedModel(schema, transformer, input, new ScoringBinding(viewSchema, labelType, mapper), ScoreLayout.Of(schema, output));
    }

    /// <summary>Every feature of the schema must be an input column: numeric as Single, categorical as String (text).</summary>
    private static void CheckInputs(ModelSchema schema, DataViewSchema input)
    {
        foreach (var (feature, type) in schema.Numeric.Select(f => (f, (DataViewType)NumberDataViewType.Single))
            .Concat(schema.Categorical.Select(f => (f, (DataViewType)TextDataViewType.Instance))))
        {
            var column = input.GetColumnOrNull(feature.Name)
                ?? throw new ArtifactException(feature.Name, $"artifact: input column '{feature.Name}' is missing; every feature of the schema must be an input column of the model ({type}).");
            if (!column.Type.Equals(type))
            {
                throw new ArtifactException(
                    feature.Name,
                    $"artifact: input column '{feature.Name}' is {column.Type} but the {feature.Type.ToString().ToLowerInvariant()} feature must be {type}.");
            }
        }
    }
}
