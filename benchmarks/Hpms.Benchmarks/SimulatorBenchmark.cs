using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Hpms.Protocols.RegisterMaps;
using Hpms.Protocols.Transports.Channels;
using Hpms.Protocols.Transports.Modbus;

namespace Hpms.Benchmarks;

/// <summary>
/// hpms-sim with a large scenario as its own process: CPU and memory while it only steps its models,
/// then while every device is polled by the edge's read plan (one master per endpoint, each device
/// every --poll-seconds). Bounded: two phases of --seconds each.
/// usage: Hpms.Benchmarks sim --sim-bin DIR --scenario FILE [--seconds 20] [--poll-seconds 10] [--speed X]
/// </summary>
internal static class SimulatorBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        string simBin = ProcStat.Arg(args, "--sim-bin") ?? throw new ArgumentException("--sim-bin DIR is required");
        string scenario = ProcStat.Arg(args, "--scenario") ?? throw new ArgumentException("--scenario FILE is required");
        double seconds = double.Parse(ProcStat.Arg(args, "--seconds") ?? "20", CultureInfo.InvariantCulture);
        double pollSeconds = double.Parse(ProcStat.Arg(args, "--poll-seconds") ?? "10", CultureInfo.InvariantCulture);
        string work = Path.Combine(Path.GetTempPath(), $"hpms-bench-sim-{Environment.ProcessId}");
        Directory.CreateDirectory(work);
        string manifestPath = Path.Combine(work, "manifest.json");

        double total = (2 * seconds) + pollSeconds + 60;
        string[] speed = ProcStat.Arg(args, "--speed") is string x ? ["--speed", x] : [];
        using Process sim = PeerProcess.Start(
            Path.Combine(simBin, "hpms-sim"),
            ["--scenario", scenario, "--ephemeral-ports", "--run-dir", work, "--manifest", manifestPath,
             "--run-for", total.ToString(CultureInfo.InvariantCulture), "--log-level", "Warning", .. speed]);
        _ = sim.StandardOutput.ReadToEndAsync();
        _ = sim.StandardError.ReadToEndAsync();
        var started = Stopwatch.StartNew();
        while (!File.Exists(manifestPath))
        {
            if (sim.HasExited || started.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new InvalidOperationException("hpms-sim did not write its manifest");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        await Task.Delay(500).ConfigureAwait(false);
        TimeSpan startup = started.Elapsed;
        Manifest manifest = JsonSerializer.Deserialize<Manifest>(await File.ReadAllTextAsync(manifestPath).ConfigureAwait(false), s_json)!;

        // Phase 1: models only.
        Sample idle = await MeasureAsync(sim, TimeSpan.FromSeconds(seconds), poll: null).ConfigureAwait(false);

        // Phase 2: every device polled with its read plan.
        var plans = manifest.Devices.Where(d => d.Map is not null).Select(d => d.Map!).Distinct()
            .ToDictionary(m => m, m => PollPlanner.Plan(RegisterMapLoader.LoadFile(m)), StringComparer.Ordinal);
        var counters = new PollCounters();
        using var stop = new CancellationTokenSource();
        List<Task> pollers = [];
        foreach (ManifestEndpoint endpoint in manifest.Endpoints.Where(e => e.Kind is "modbus-tcp" or "modbus-rtu"))
        {
            ManifestDevice[] devices = [.. manifest.Devices.Where(d => d.Endpoint == endpoint.Id && d.UnitId is not null)];
            pollers.Add(PollEndpointAsync(endpoint, devices, plans, TimeSpan.FromSeconds(pollSeconds), counters, stop.Token));
        }

        // One whole poll interval first: every poller connected and spread over its interval.
        await Task.Delay(TimeSpan.FromSeconds(pollSeconds)).ConfigureAwait(false);
        Sample polled = await MeasureAsync(sim, TimeSpan.FromSeconds(seconds), counters).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(pollers).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A poller stopped mid-transaction: expected at the end of the phase.
        }
        try
        {
            sim.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }

        int devicesTotal = manifest.Devices.Count;
        int endpoints = manifest.Endpoints.Count(e => e.Kind is "modbus-tcp" or "modbus-rtu");
        double expectedRequests = manifest.Devices.Where(d => d.Map is not null).Sum(d => plans[d.Map!].RequestCount) / pollSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Simulator benchmark: {Environment.ProcessorCount} cores, {manifest.Scenario}: {devicesTotal} devices on {endpoints} Modbus endpoints, speed ×{manifest.Speed}, {seconds:F0} s per phase, start-up {startup.TotalSeconds:F1} s"));
        Console.WriteLine("| phase | Modbus requests/s | of the poll target | errors | hpms-sim CPU (share of one core) | hpms-sim RSS MB |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| models only | 0 | - | 0 | {idle.CpuShare:P0} | {idle.RssMb:F0} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| models + every device polled every {pollSeconds:F0} s | {polled.RequestsPerSecond:F0} | {polled.RequestsPerSecond / expectedRequests:F2}× | {polled.Errors} | {polled.CpuShare:P0} | {polled.RssMb:F0} |"));
        Directory.Delete(work, recursive: true);
        return 0;
    }

    private static readonly JsonSerializerOptions s_json = new() { PropertyNameCaseInsensitive = true };

    private static async Task<Sample> MeasureAsync(Process sim, TimeSpan duration, PollCounters? poll)
    {
        (double cpu0, _) = ProcStat.Read(sim.Id);
        long requests0 = poll?.Requests ?? 0;
        long errors0 = poll?.Errors ?? 0;
        var clock = Stopwatch.StartNew();
        double peakRss = 0;
        while (clock.Elapsed < duration)
        {
            await Task.Delay(500).ConfigureAwait(false);
            peakRss = Math.Max(peakRss, ProcStat.Read(sim.Id).RssMb);
        }

        (double cpu1, _) = ProcStat.Read(sim.Id);
        double wall = clock.Elapsed.TotalSeconds;
        return new Sample(
            (cpu1 - cpu0) / wall,
            peakRss,
            ((poll?.Requests ?? 0) - requests0) / wall,
            (poll?.Errors ?? 0) - errors0);
    }

    private static async Task PollEndpointAsync(
        ManifestEndpoint endpoint, ManifestDevice[] devices, Dictionary<string, PollPlan> plans, TimeSpan interval, PollCounters counters, CancellationToken cancellationToken)
    {
        IByteChannel channel = endpoint.Kind == "modbus-tcp"
            ? new TcpByteChannel(endpoint.Host, endpoint.Port!.Value)
            : SerialByteChannelFactory.Create(new SerialLineOptions { PortName = endpoint.Pty!, BaudRate = endpoint.BaudRate ?? 115200, Parity = System.IO.Ports.Parity.None });
        var options = new ModbusMasterOptions { ResponseTimeout = TimeSpan.FromSeconds(1), Retries = 0, BaudRate = endpoint.BaudRate ?? 19200 };
        await using IModbusMaster master = endpoint.Kind == "modbus-tcp" ? new ModbusTcpMaster(channel, options) : new ModbusRtuMaster(channel, options);
        var registers = new ushort[125];
        var bits = new bool[2000];
        // Spread the devices over the interval, as a gateway's scheduler does.
        TimeSpan gap = devices.Length == 0 ? interval : interval / devices.Length;
        long next = Stopwatch.GetTimestamp();
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (ManifestDevice device in devices)
            {
                foreach (ReadBlock block in plans[device.Map!].Blocks)
                {
                    try
                    {
                        await ReadAsync(master, (byte)device.UnitId!.Value, block, registers, bits, cancellationToken).ConfigureAwait(false);
                        Interlocked.Increment(ref counters.Requests);
                    }
                    catch (Exception ex) when (ex is ModbusException or TransportException)
                    {
                        Interlocked.Increment(ref counters.Errors);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }

                next += (long)(gap.TotalSeconds * Stopwatch.Frequency);
                TimeSpan wait = TimeSpan.FromSeconds((double)(next - Stopwatch.GetTimestamp()) / Stopwatch.Frequency);
                if (wait > TimeSpan.Zero)
                {
                    try
                    {
                        await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
            }
        }
    }

    private static ValueTask ReadAsync(IModbusMaster master, byte unit, ReadBlock block, ushort[] registers, bool[] bits, CancellationToken cancellationToken) =>
        block.Table switch
        {
            RegisterTable.Coil => master.ReadCoilsAsync(unit, block.StartAddress, bits.AsMemory(0, block.Count), cancellationToken),
            RegisterTable.DiscreteInput => master.ReadDiscreteInputsAsync(unit, block.StartAddress, bits.AsMemory(0, block.Count), cancellationToken),
            RegisterTable.InputRegister => master.ReadInputRegistersAsync(unit, block.StartAddress, registers.AsMemory(0, block.Count), cancellationToken),
            _ => master.ReadHoldingRegistersAsync(unit, block.StartAddress, registers.AsMemory(0, block.Count), cancellationToken),
        };

    private sealed record Sample(double CpuShare, double RssMb, double RequestsPerSecond, long Errors);

    private sealed class PollCounters
    {
#pragma warning disable SA1401, CA1051 // Interlocked needs fields.
        public long Requests;
        public long Errors;
#pragma warning restore SA1401, CA1051
    }

    private sealed record Manifest(string Scenario, double Speed, List<ManifestEndpoint> Endpoints, List<ManifestDevice> Devices);

    private sealed record ManifestEndpoint(string Id, string Kind, string Host, int? Port, string? Pty, int? BaudRate);

    private sealed record ManifestDevice(string Id, string Class, string Endpoint, int? UnitId, string? Map);
}
