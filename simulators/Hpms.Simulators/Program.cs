using Hpms.Simulators.GroundTruth;
using Hpms.Simulators.Hosting;
using Hpms.Simulators.Scenarios;
using System.Runtime.InteropServices;
using Serilog;
using Serilog.Extensions.Logging;

// hpms-sim: load a scenario (refused with every problem named), serve it until stopped.
SimulatorCommandLine cl = SimulatorCommandLine.Parse(args);
if (cl.Help)
{
    Console.WriteLine(SimulatorCommandLine.Usage);
    return 0;
}

if (cl.List)
{
    Console.Write(DeviceClassList.Markdown());
    return 0;
}

if (cl.Errors.Count > 0)
{
    cl.Errors.ForEach(e => Console.Error.WriteLine(e));
    return 2;
}

await using var log = new LoggerConfiguration()
    .MinimumLevel.Is(cl.LogLevel)
    .WriteTo.Console(standardErrorFromLevel: Serilog.Events.LogEventLevel.Verbose, formatProvider: System.Globalization.CultureInfo.InvariantCulture)
    .CreateLogger();
using var loggerFactory = new SerilogLoggerFactory(log);
Microsoft.Extensions.Logging.ILogger logger = loggerFactory.CreateLogger("hpms-sim");

SimulatorRunner? runner = null;
using GroundTruthWriter? truthFile = cl.GroundTruth is null ? null : GroundTruthWriter.Create(cl.GroundTruth, () => runner?.SimulatedNow ?? DateTimeOffset.UnixEpoch);
IGroundTruth truth = truthFile ?? (IGroundTruth)NullGroundTruth.Instance;
Scenario scenario;
try
{
    scenario = ScenarioLoader.LoadFile(
        cl.Scenario,
        new ScenarioLoadOptions { MapsDirectory = cl.Devices, RunDirectory = cl.RunDirectory, EphemeralPorts = cl.EphemeralPorts, Speed = cl.Speed },
        truth);
}
catch (ScenarioException ex)
{
    Console.Error.WriteLine($"hpms-sim: the scenario is refused ({ex.Errors.Count} problem(s)):");
    foreach (string error in ex.Errors)
    {
        Console.Error.WriteLine("  " + error);
    }

    return 2;
}

if (cl.CheckOnly)
{
    Console.WriteLine($"{cl.Scenario}: valid — {scenario.Devices.Count} devices on {scenario.Endpoints.Count} endpoints, {scenario.Events.Count} events.");
    return 0;
}

using var stop = new CancellationTokenSource();
void Stop(PosixSignalContext context)
{
    context.Cancel = true; // shut down in order: endpoints closed, ground truth flushed
    stop.Cancel();
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

try
{
    runner = await SimulatorRunner.StartAsync(scenario, truth, loggerFactory, stop.Token);
    await using (runner)
    {
        if (cl.Manifest is not null)
        {
            await runner.WriteManifestAsync(cl.Manifest, stop.Token);
        }

        await runner.RunAsync(cl.RunFor, stop.Token);
    }
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
}
catch (Exception ex) when (ex is IOException or Hpms.Protocols.Transports.Channels.TransportException or System.Net.Sockets.SocketException)
{
    logger.LogStartFailure(ex);
    return 1;
}

return 0;
