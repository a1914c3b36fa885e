using OrleansCt.Training.Artifacts;

namespace OrleansCt.Grains.Model;

/// <summary>The champion that predicts a prequential batch, with its loaded ML.NET model (null: the online learner answers).</summary>
internal sealed record PrequentialScorer(Champion Champion, LoadedModel? Model);
