using System.Text;
using OrleansCt.Core.Schema;
using OrleansCt.Core.Validation;

namespace OrleansCt.Core.Tests.Validation;

public sealed class LabelBatchReaderTests
{
    [Fact]
    public void Class_labels_become_class_indexes_and_regression_labels_stay_numbers()
    {
        var binary = new ModelSchema(new ModelDefinition
        {
            Task = ModelTask.Binary, Target = "c", Classes = ["no", "yes"], Features = [new FeatureSpec { Name = "x", Type = FeatureType.Numeric }],
        });
        var regression = new ModelSchema(new ModelDefinition
        {
            Task = ModelTask.Regression, Target = "y", Features = [new FeatureSpec { Name = "x", Type = FeatureType.Numeric }],
        });

        Assert.Equal([1.0, 0.0], LabelBatchReader.Read(Encoding.UTF8.GetBytes("""{"labels": [{"id": "a", "label": "yes"}, {"id": "b", "label": "no"}]}"""), binary).Value!.Labels);
        Assert.Equal([2.5], LabelBatchReader.Read(Encoding.UTF8.GetBytes("""{"labels": [{"id": "a", "label": 2.5}]}"""), regression).Value!.Labels);
        Assert.Equal("labels[0].label", LabelBatchReader.Read(Encoding.UTF8.GetBytes("""{"labels": [{"id": "a", "label": "2.5"}]}"""), regression).Errors[0].Field);
    }
}
