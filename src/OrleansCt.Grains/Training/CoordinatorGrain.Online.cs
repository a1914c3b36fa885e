using OrleansCt.Abstractions.Registry;
using OrleansCt.Core.Schema;
using OrleansCt.Grains.Model;
using OrleansCt.Training.Artifacts;
using OrleansCt.Training.Validation;

namespace OrleansCt.Grains.Training;

/// <remarks>
/// The "online" retrain kind: the online learner (version 1) has kept learning from every label beside an ML.NET champion, and is
/// put through the same gate as a trained candidate, judged by the predictions it made for the held-out rows (logged beside the
/// champion's, test-then-train), against the champion on the same rows. Nothing is trained or registered: the candidate is version 1.
/// </remarks>
public sealed partial class CoordinatorGrain
{
    private async Task ContinueOnlineAsync(
        RetrainRecord record, LabelledRows read, int holdout, RetrainPlan plan, ModelTask task, VersionView? champion, LoadedModel? championModel,
        CancellationToken cancellationToken)
    {
        const string online = SnapshotFactory.OnlineVersion;
        if (champion is null || champion.Version == online)
        {
            await DecideAsync(record.Enter(RetrainRecord.Failed, Now, "the online learner is already champion: it continues on every label without a retrain",
                v => v with { Error = "the online learner is already champion" }));
            return;
        }

        var (candidate, championMetrics) = await work.MeasureOnlineAsync($"{Model} retrain {record.View.Id}", read, holdout, championModel, _options.Timeout, cancellationToken);
        record = record.Enter(RetrainRecord.Validating, Now,
            $"the online learner predicted {candidate.Count:N0} of the newest {holdout:N0} held-out rows ({candidate.Unscored:N0} without its prediction); measuring against version {champion.Version}",
            v => v with { HoldoutRows = holdout, Champion = champion.Version });
        await StepAsync(record);
        var infrastructure = new InfrastructureCheck(true, null, (int)candidate.Count, 0);
        var decision = ValidationGate.Decide(plan.Gate, task, infrastructure, candidate, championMetrics, champion.Version);
        await ConcludeAsync(record, online, decision, cancellationToken, switchesReference: false);
    }
}
