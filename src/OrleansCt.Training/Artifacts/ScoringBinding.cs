using Microsoft.ML;
using Microsoft.ML.Data;

namespace OrleansCt.Training.Artifacts;

/// <summary>
/// A model bound once to the contract's scoring schema: the schema object every batch's view is built under, the missing
/// label some pipelines need, and the row mapper (null when the pipeline has a step that is not row-to-row, which is then
/// scored through Transform). Binding per batch — what Transform does — took a 1-row batch 1.35 ms (LightGBM) and
/// 1.58 ms (L-BFGS) on the busy 2-core machine, against 0.37 and 0.07 ms bound (docs/benchmarks.md); a bound mapper only
/// makes getters.
/// </summary>
internal sealed record ScoringBinding(DataViewSchema ViewSchema, DataViewType? LabelType, IRowToRowMapper? Mapper);
