using System.Runtime.InteropServices;
using Hpms.Demo;
using Hpms.Demo.Composition;
using Hpms.Demo.Summary;
using Serilog;
using Serilog.Extensions.Logging;

// hpms-demo: the whole system on this machine with one command; prints where to look, and a summary at exit.
DemoCommandLine options = DemoCommandLine.Parse(args);
if (options.Help)
{
    Console.WriteLine(DemoCommandLine.Usage);
    return 0;
}

if (options.Errors.Count > 0)
{
    foreach (string error in options.Errors)
    {
        Console.Error.WriteLine("hpms-demo: " + error);
    }

    return 2;
}

string state = options.State ?? Directory.CreateTempSubdirectory("hpms-demo-").FullName;
Directory.CreateDirectory(state);
await using var log = new LoggerConfiguration()
    .MinimumLevel.Information()
    .WriteTo.File(Path.Combine(state, "logs", "demo-.log"), rollingInterval: RollingInterval.Day, formatProvider: System.Globalization.CultureInfo.InvariantCulture)
    .CreateLogger();
using var loggers = new SerilogLoggerFactory(log);

using var stop = new CancellationTokenSource();
void Stop(PosixSignalContext context)
{
    context.Cancel = true; // stop in order: sources first, then the summary, then the cloud and broker
    stop.Cancel();
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
if (options.RunFor is { } runFor)
{
    stop.CancelAfter(runFor);
}

await using var system = new DemoSystem(options, state, loggers);
try
{
    await system.StartAsync(stop.Token);
}
catch (Exception ex) when (ex is not OperationCanceledException)
{
    Console.Error.WriteLine($"hpms-demo: could not start: {ex.Message} (logs in {system.LogDirectory})");
    return 1;
}
catch (OperationCanceledException)
{
    return 1;
}

Console.WriteLine(DemoBanner.Text(system, options));
await StatusLine.RunUntilAsync(system, stop.Token);

Console.WriteLine("hpms-demo: stopping the simulators and the gateway, then summarising…");
await system.StopSourcesAsync();
DemoSummary summary = await system.SummarizeAsync(CancellationToken.None);
Console.WriteLine(SummaryText.Render(summary));
if (options.Summary is { } file)
{
    await SummaryText.WriteJsonAsync(file, summary, CancellationToken.None);
    Console.WriteLine($"hpms-demo: summary written to {Path.GetFullPath(file)}");
}

return 0;
