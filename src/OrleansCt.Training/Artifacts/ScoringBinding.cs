using Microsoft.ML;
using Microsoft.ML.Data;

namespace OrleansCt.Training.Artifacts;

/// <summary>
/// A model bound once to the contract's scoring schema: the schema object every batch's view is built under, the missing
/// label some pipelines need, and the row mapper (null when the pipeline has a step that is not row-to-row, which is then
/// scored through Transform). Binding per batch — what Transform does — cost 0.3–1.5 ms on this machine, more than
/// scoring 100 rows; a bound mapper asks only for getters.
/// </summary>
internal sealed record ScoringBinding(DataViewSchema ViewSchema, DataViewType? LabelType, IRowToRowMapper? Mapper);
