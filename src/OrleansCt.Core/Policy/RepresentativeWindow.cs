namespace OrleansCt.Core.Policy;

/// <summary><paramref name="Rows"/> labelled rows subsampled, stratified on the reference's bins, to match the reference; leaving out the buckets the monitors flagged as drifted when <paramref name="ExcludeDrifted"/>.</summary>
public sealed record RepresentativeWindow(int Rows, bool ExcludeDrifted) : PolicyWindow;
