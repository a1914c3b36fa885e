using OrleansCt.Benchmarks;

var scenario = args.FirstOrDefault();
return scenario switch
{
    "memory" => MemoryScenario.Run(args.Contains("--json"), Settings.Monitoring(args)),
    "core" => CoreLoopScenario.Run(args),
    "storage" => StorageScenario.Run(args),
    "sklearn" => SklearnScenario.Run(args),
    "silo" => await SiloPipelineScenario.RunAsync(args),
    "http" => await HttpIngestScenario.RunAsync(args),
    "latency" => await PredictLatencyScenario.RunAsync(args),
    "models" => await ManyModelsScenario.RunAsync(args),
    "scaling" => await ScalingScenario.RunAsync(args),
    "detectors" => DetectorScenario.Run(args),
    "drift" => await DriftLatencyScenario.RunAsync(args),
    "micro" => MicroScenario.Run(args),
    "training" => TrainingScenario.Run(args),
    "champions" => await ChampionsScenario.RunAsync(args),
    "falsealarms" => await FalseAlarmScenario.RunAsync(args),
    "learner-pins" => LearnerPinsCommand.Run(args),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: dotnet run -c Release --project bench/OrleansCt.Benchmarks -- <scenario> [--short] [--json]
        scenarios: core, storage, sklearn, memory, silo, http, latency, models, scaling, detectors, drift, micro, training, champions, falsealarms
        tool: learner-pins --write PATH (the learner's bit pins for LearnerBitPinTests; only for an intended change of behaviour)
        """);
    return 2;
}
