using System.Text.Json;
using OrleansCt.Abstractions.Models;
using OrleansCt.Core.Policy;
using OrleansCt.Grains.Log;
using OrleansCt.Grains.Training;

namespace OrleansCt.Grains.Model;

/// <remarks>The continuous-training policy is a control entry in the log, so a replay or a backtest meets a change at the same place.</remarks>
public sealed partial class ModelGrain
{
    /// <summary>Who set the policy a model runs when none was set.</summary>
    public const string DefaultPolicyBy = "default";

    public async Task<PolicyResult> SetPolicy(PolicySpec policy, string by, string? reason)
    {
        await ThrowIfCannotWriteAsync();
        await _pipeline.EnsureAppliedAsync();
        if (_applier.Schema is not { } schema)
        {
            return new PolicyResult(ReadStatus.NotFound, [new FieldError("model", $"'{Model}' is not registered")], null);
        }

        var (resolved, errors) = PolicyValidator.Validate(policy, schema.Task, PolicyChecks.For(schema, training.Value));
        var problems = errors.ToList();
        if (by.Length is 0 or > 200)
        {
            problems.Add(new FieldError("by", $"must have 1 to 200 characters, not {by.Length}"));
        }

        if (reason is { Length: > 500 })
        {
            problems.Add(new FieldError("reason", $"must have at most 500 characters, not {reason.Length}"));
        }

        if (resolved is null || problems.Count > 0)
        {
            return new PolicyResult(ReadStatus.Invalid, problems, null);
        }

        var entry = new PolicyEntry(NowUnixMs, JsonSerializer.SerializeToUtf8Bytes(resolved.ToSpec(), JsonDefaults.Options), by, reason);
        await _pipeline.Append(entry, []).Durable;
        await _pipeline.EnsureAppliedAsync();
        await TryCheckpointAsync();
        var view = View(_applier.Policy!);
        await CompleteEntryAsync();
        await TellPolicyChangedAsync(view.Sequence);
        return new PolicyResult(ReadStatus.Ok, [], view);
    }

    public async Task<PolicyResult> GetPolicy()
    {
        await _pipeline.SettleAsync();
        if (_applier.Schema is null)
        {
            return new PolicyResult(ReadStatus.NotFound, [new FieldError("model", $"'{Model}' is not registered")], null);
        }

        return new PolicyResult(ReadStatus.Ok, [], _applier.Policy is { } set
            ? View(set)
            : new PolicyView(Model, BuiltInPolicies.Online.ToSpec(), 0, null, DefaultPolicyBy, "no policy was set: the built-in \"online\" policy runs"));
    }

    private PolicyView View(PolicyState state) =>
        new(Model, JsonSerializer.Deserialize<PolicySpec>(state.Policy, JsonDefaults.Options)!, state.Sequence, state.EventTime, state.By, state.Reason);
}
