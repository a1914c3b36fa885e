using OrleansCt.Abstractions.Models;
using OrleansCt.Core.Policy;
using OrleansCt.Core.Schema;
using OrleansCt.Training.Trainers;
using OrleansCt.Training.Validation;

namespace OrleansCt.Grains.Training;

/// <summary>
/// A retrain request made concrete: the trainer spec, the kind, how many of the newest labelled rows to read, the window that chooses
/// among them, and the gate.
/// </summary>
internal sealed record RetrainPlan(TrainerSpec Spec, string Kind, int Rows, GateSpec Gate, PolicyWindow Window)
{
    public const string Scratch = "scratch";
    public const string Warm = "warm";
    public const string Online = "online";

    /// <summary>The plan, or the problems with the request, each naming its field.</summary>
    public static (RetrainPlan? Plan, IReadOnlyList<FieldError> Errors) Parse(RetrainRequest request, ModelSchema schema, TrainingOptions options)
    {
        var errors = new List<FieldError>();
        var kind = request.Kind ?? Scratch;
        if (kind is not (Scratch or Warm or Online))
        {
            errors.Add(new FieldError("kind", $"'{Clip(kind)}' is not a retrain kind: use \"scratch\" (train anew), \"warm\" (continue from the champion's linear parameters) or \"online\" (the online learner, which kept learning, as the candidate)"));
        }

        var trainer = TrainerSpec.Default(schema.Task).Kind;
        if (request.Trainer is { } name && !TryTrainer(name, out trainer))
        {
            errors.Add(new FieldError("trainer", $"'{Clip(name)}' is not a trainer: use one of {string.Join(", ", Enum.GetValues<TrainerKind>().Where(k => new TrainerSpec(k).Trains(schema.Task)).Select(Name))}"));
        }

        var rows = request.Rows ?? options.DefaultRows;
        if (rows < 1 || rows > options.MaxRows)
        {
            errors.Add(new FieldError("rows", $"must be between 1 and {options.MaxRows:N0} labelled rows, not {rows}"));
        }

        PolicyWindow? window = new FixedWindow(rows, null);
        if (request.Window is { } windowSpec)
        {
            if (request.Rows is not null)
            {
                errors.Add(new FieldError("rows", "give rows (the newest labelled rows) or a window, not both"));
            }

            window = PolicyValidator.ValidateWindow(windowSpec, errors);
            rows = window is null ? rows : ReadRows(window, options);
            if (window is FixedWindow { Rows: > 0 } or RepresentativeWindow or DynamicWindow { Unit: WindowUnit.Rows } && rows > options.MaxRows)
            {
                errors.Add(new FieldError("window", $"reads {rows:N0} labelled rows; a retrain reads at most {options.MaxRows:N0} (Training:MaxRows)"));
            }
        }

        if (request.Seed is < 0)
        {
            errors.Add(new FieldError("seed", $"must be 0 or more, not {request.Seed}"));
        }

        if (request.Reason is { Length: > 500 } || request.By is { Length: > 200 })
        {
            errors.Add(new FieldError(request.Reason is { Length: > 500 } ? "reason" : "by", "is too long (reason: 500 characters, by: 200)"));
        }

        var gate = GateOf(request.Gate);
        var spec = new TrainerSpec(trainer, request.Options, request.Seed ?? 0);
        if (errors.Count == 0)
        {
            try
            {
                spec.Validate(schema.Task);
                gate.Validate(schema.Task);
                if (kind == Warm && !spec.WarmStarts(schema.Task))
                {
                    throw new TrainerSpecException("trainer", $"trainer {Name(trainer)} cannot warm-start a {schema.Task.ToString().ToLowerInvariant()} model; use lbfgs, onlineGradientDescent (regression), averagedPerceptron or linearSvm (binary)");
                }
            }
            catch (TrainerSpecException e)
            {
                errors.Add(new FieldError(e.Field, e.Message));
            }
            catch (GateSpecException e)
            {
                errors.Add(new FieldError(e.Field, e.Message));
            }
        }

        return errors.Count > 0 || window is null ? (null, errors) : (new RetrainPlan(spec, kind, rows, gate, window), []);
    }

    /// <summary>
    /// The newest labelled rows a window reads before it chooses: a fixed or dynamic window its longest length in rows; one in
    /// seconds every row up to Training:MaxRows (the times decide); a representative one five times its sample, the pool it draws from.
    /// </summary>
    public static int ReadRows(PolicyWindow window, TrainingOptions options) => window switch
    {
        FixedWindow { Rows: { } n } => n,
        DynamicWindow { Unit: WindowUnit.Rows } d => (int)Math.Min(int.MaxValue, d.Candidates.Max()),
        RepresentativeWindow r => (int)Math.Min(options.MaxRows, 5L * r.Rows),
        _ => options.MaxRows,
    };

    /// <summary>The trainer's name in the API: the enum's name in camelCase ("lightGbm", "fastTree", "sdca", …).</summary>
    public static string Name(TrainerKind kind) => JsonNamingPolicyCamel(kind.ToString());

    /// <summary>
    /// A trainer by its name, in any case. Only a name: Enum.TryParse also reads numbers and comma lists, which it ORs together as
    /// flags ("sdca,lbfgs" would be Lbfgs, "lbfgs,fastTree" LightGbm).
    /// </summary>
    public static bool TryTrainer(string name, out TrainerKind kind) =>
        Enum.TryParse(name, ignoreCase: true, out kind) && Enum.GetNames<TrainerKind>().Contains(name, StringComparer.OrdinalIgnoreCase);

    private static GateSpec GateOf(GateRequest? g) => g is null
        ? new GateSpec()
        : new GateSpec(g.Metric, g.Floor, g.MaxWorsening, g.MaxRelativeWorsening, g.MaxLatencyMs, g.HoldoutFraction, g.MaxHoldoutRows);

    private static string JsonNamingPolicyCamel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
