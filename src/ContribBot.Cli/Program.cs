using ContribBot.Cli;

return await ContribBotApp.RunAsync(args, Console.Out, Console.Error, CancellationToken.None).ConfigureAwait(false);
