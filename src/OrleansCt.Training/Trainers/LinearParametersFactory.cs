using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;

namespace OrleansCt.Training.Trainers;

/// <summary>
/// Linear parameters made from given weights and bias. ML.NET 6.0.0 makes them only inside its trainers (the constructors
/// (IHostEnvironment, in VBuffer&lt;float&gt;, float[, statistics]) are internal), so they are called by reflection; a later
/// ML.NET without them fails here with a message, and OnlineWarmStartTests would say so.
/// </summary>
internal static class LinearParametersFactory
{
    public static LinearModelParameters Binary(MLContext ml, float[] weights, float bias) => Create<LinearBinaryModelParameters>(ml, weights, bias);

    public static LinearModelParameters Regression(MLContext ml, float[] weights, float bias) => Create<LinearRegressionModelParameters>(ml, weights, bias);

    private static T Create<T>(MLContext ml, float[] weights, float bias)
        where T : LinearModelParameters
    {
        var constructor = typeof(T).GetConstructors(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            .FirstOrDefault(c => c.GetParameters() is [var env, var w, var b, ..] rest
                && env.ParameterType == typeof(IHostEnvironment)
                && w.ParameterType == typeof(VBuffer<float>).MakeByRefType()
                && b.ParameterType == typeof(float)
                && rest.Skip(3).All(p => p.IsOptional || !p.ParameterType.IsValueType))
            ?? throw new InvalidOperationException($"ML.NET {ModelTrainer.MlNetVersion} has no constructor {typeof(T).Name}(IHostEnvironment, in VBuffer<float>, float); a warm start from the online learner needs one.");
        var arguments = new object?[constructor.GetParameters().Length];
        (arguments[0], arguments[1], arguments[2]) = (ml, new VBuffer<float>(weights.Length, weights), bias);
        return (T)constructor.Invoke(arguments);
    }
}
