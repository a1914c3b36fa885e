using OrleansCt.Benchmarks;

return args.FirstOrDefault() switch
{
    "memory" => MemoryScenario.Run(args.Contains("--json"), Settings.Monitoring(args)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/OrleansCt.Benchmarks -- <scenario> [--json]\nscenarios: memory");
    return 2;
}
