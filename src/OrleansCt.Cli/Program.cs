return OrleansCt.Cli.CliApp.Run(args, Console.Out, Console.Error);
