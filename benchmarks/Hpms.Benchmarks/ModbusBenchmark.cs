using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Hpms.Protocols.Modbus.Rtu;
using Hpms.Protocols.Modbus.Server;
using Hpms.Protocols.Transports.Channels;
using Hpms.Protocols.Transports.Modbus;
using Hpms.Protocols.Transports.Modbus.Server;

namespace Hpms.Benchmarks;

/// <summary>
/// Modbus figures, each beside a reference measured in the same run on the same machine:
/// TCP and RTU-over-pty against libmodbus, paced RTU against the wire-time limit.
/// </summary>
internal static class ModbusBenchmark
{
    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        List<BenchmarkResult> results = [];
        if (options.Suites.Contains("codec"))
        {
            results.AddRange(CodecBenchmark.Run());
        }

        if (options.Suites.Contains("tcp"))
        {
            results.AddRange(await TcpAsync(options, stop.Token).ConfigureAwait(false));
        }

        if (options.Suites.Contains("rtu-pty"))
        {
            results.AddRange(await RtuPtyAsync(options, stop.Token).ConfigureAwait(false));
        }

        if (options.Suites.Contains("rtu-paced"))
        {
            results.AddRange(await RtuPacedAsync(options, stop.Token).ConfigureAwait(false));
        }

        Print(results, options);
        if (options.JsonOut is not null)
        {
            await File.WriteAllTextAsync(options.JsonOut, JsonSerializer.Serialize(results), stop.Token).ConfigureAwait(false);
        }

        return 0;
    }

    private static RegisterBank NewBank()
    {
        var bank = new RegisterBank(200, 200, 200, 200);
        ushort[] values = [.. Enumerable.Range(0, 200).Select(i => (ushort)i)];
        bank.SetRegisters(ModbusDataTable.HoldingRegisters, 0, values);
        return bank;
    }

    private static async Task<List<BenchmarkResult>> TcpAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        List<BenchmarkResult> results = [];
        RegisterBank bank = NewBank();

        // Reference: libmodbus client against libmodbus server.
        using (Process server = PeerProcess.Start(Path.Combine(options.LibmodbusBin, "libmodbus_bench_server"), "tcp", "15931", "--max-seconds", "120"))
        {
            await PeerProcess.WaitForLineAsync(server, "READY", TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            var reference = await PeerProcess.RunLibmodbusClientAsync(options.LibmodbusBin, options.Duration, "tcp", "127.0.0.1", "15931", "1").ConfigureAwait(false);
            results.Add(new BenchmarkResult("tcp", "libmodbus client → libmodbus server", reference.TxPerSecond, reference.MeanUs, reference.Errors, null, "-", null));
            PeerProcess.Stop(server);
        }

        await using var ours = new ModbusTcpServer(new IPEndPoint(IPAddress.Loopback, 0), _ => bank);
        ours.Start();
        string port = ours.LocalEndPoint.Port.ToString(CultureInfo.InvariantCulture);
        var libmodbus = await PeerProcess.RunLibmodbusClientAsync(options.LibmodbusBin, options.Duration, "tcp", "127.0.0.1", port, "1").ConfigureAwait(false);
        results.Add(new BenchmarkResult("tcp", "libmodbus client → our server", libmodbus.TxPerSecond, libmodbus.MeanUs, libmodbus.Errors, null, "-", null));

        await using var master = new ModbusTcpMaster(new TcpByteChannel("127.0.0.1", ours.LocalEndPoint.Port), new ModbusMasterOptions());
        var run = await ClosedLoop.RunAsync(master, options.Duration, cancellationToken).ConfigureAwait(false);
        results.Add(new BenchmarkResult(
            "tcp", "our master → our server", run.TxPerSecond, run.MeanUs, run.Errors, run.AllocPerTx, "libmodbus client → our server", run.TxPerSecond / libmodbus.TxPerSecond));
        return results;
    }

    private static async Task<List<BenchmarkResult>> RtuPtyAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        List<BenchmarkResult> results = [];
        using (PtyPair pty = await NewPtyPairAsync().ConfigureAwait(false))
        using (Process server = PeerProcess.Start(Path.Combine(options.LibmodbusBin, "libmodbus_bench_server"), "rtu", pty.A, "115200", "1", "--max-seconds", "120"))
        {
            await PeerProcess.WaitForLineAsync(server, "READY", TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            var reference = await PeerProcess.RunLibmodbusClientAsync(options.LibmodbusBin, options.Duration, "rtu", pty.B, "115200", "1").ConfigureAwait(false);
            results.Add(new BenchmarkResult("rtu-pty", "libmodbus client → libmodbus server", reference.TxPerSecond, reference.MeanUs, reference.Errors, null, "-", null));
            PeerProcess.Stop(server);
        }

        using PtyPair line = await NewPtyPairAsync().ConfigureAwait(false);
        RegisterBank bank = NewBank();
        using var serving = new CancellationTokenSource();
        IByteChannel serverChannel = SerialByteChannelFactory.Create(Line(line.A, SerialDriverKind.Posix));
        await serverChannel.OpenAsync(cancellationToken).ConfigureAwait(false);
        var server2 = new ModbusRtuServer(unit => unit == 1 ? bank : null, new ModbusServerOptions { BaudRate = 115200 });
        Task serve = server2.ServeAsync(serverChannel, serving.Token);

        var libmodbus = await PeerProcess.RunLibmodbusClientAsync(options.LibmodbusBin, options.Duration, "rtu", line.B, "115200", "1").ConfigureAwait(false);
        results.Add(new BenchmarkResult("rtu-pty", "libmodbus client → our server", libmodbus.TxPerSecond, libmodbus.MeanUs, libmodbus.Errors, null, "-", null));

        foreach (SerialDriverKind driver in new[] { SerialDriverKind.Posix, SerialDriverKind.SystemIOPorts })
        {
            // A pty has no wire time: no silence to keep, as for the libmodbus client.
            await using var master = new ModbusRtuMaster(
                SerialByteChannelFactory.Create(Line(line.B, driver)),
                new ModbusMasterOptions { BaudRate = 115200, InterFrameSilence = TimeSpan.Zero });
            var run = await ClosedLoop.RunAsync(master, options.Duration, cancellationToken).ConfigureAwait(false);
            results.Add(new BenchmarkResult(
                "rtu-pty", $"our master ({driver} driver) → our server", run.TxPerSecond, run.MeanUs, run.Errors, run.AllocPerTx,
                "libmodbus client → our server", run.TxPerSecond / libmodbus.TxPerSecond));
        }

        await serving.CancelAsync().ConfigureAwait(false);
        await IgnoreCancellation(serve).ConfigureAwait(false);
        await serverChannel.DisposeAsync().ConfigureAwait(false);
        return results;
    }

    private static async Task<List<BenchmarkResult>> RtuPacedAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        List<BenchmarkResult> results = [];
        foreach (int baud in new[] { 9600, 19200, 115200 })
        {
            using PtyPair line = await NewPtyPairAsync().ConfigureAwait(false);
            RegisterBank bank = NewBank();
            using var serving = new CancellationTokenSource();
            IByteChannel serverChannel = SerialByteChannelFactory.Create(Line(line.A, SerialDriverKind.Posix));
            await serverChannel.OpenAsync(cancellationToken).ConfigureAwait(false);
            var server = new ModbusRtuServer(unit => unit == 1 ? bank : null, new ModbusServerOptions { BaudRate = baud, SimulatedBaudRate = baud });
            Task serve = server.ServeAsync(serverChannel, serving.Token);

            await using var master = new ModbusRtuMaster(
                SerialByteChannelFactory.Create(Line(line.B, SerialDriverKind.Posix)), new ModbusMasterOptions { BaudRate = baud });
            var run = await ClosedLoop.RunAsync(master, options.Duration, cancellationToken).ConfigureAwait(false);
            double limit = RtuTiming.WireLimitTransactionsPerSecond(8, 25, baud);
            results.Add(new BenchmarkResult(
                "rtu-paced", $"our master → our server paced at {baud} baud", run.TxPerSecond, run.MeanUs, run.Errors, run.AllocPerTx,
                $"wire-time limit {limit:F1} tx/s", run.TxPerSecond / limit));

            await serving.CancelAsync().ConfigureAwait(false);
            await IgnoreCancellation(serve).ConfigureAwait(false);
            await serverChannel.DisposeAsync().ConfigureAwait(false);
        }

        return results;
    }

    private static Task<PtyPair> NewPtyPairAsync()
    {
        string id = Guid.NewGuid().ToString("N")[..8];
        return PtyPair.StartAsync($"/tmp/hpms-bench-{id}-a", $"/tmp/hpms-bench-{id}-b");
    }

    private static SerialLineOptions Line(string port, SerialDriverKind driver) => new()
    {
        PortName = port,
        BaudRate = 115200,
        Parity = System.IO.Ports.Parity.None, // a pty cannot take parity
        Driver = driver,
    };

    private static async Task IgnoreCancellation(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        catch (TransportException)
        {
        }
    }

    // .NET runs socket continuations on the thread pool unless this is set; inline completions
    // remove two thread hops per transaction, which is most of a loopback round trip.
    private static string SocketCompletionMode =>
        Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") == "1" ? "inline" : "on the thread pool";

    private static void Print(List<BenchmarkResult> results, BenchmarkOptions options)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Modbus benchmark: {Environment.ProcessorCount} cores, {options.Duration.TotalSeconds:F0} s per run, FC03 read of 10 registers, socket completions {SocketCompletionMode}"));
        Console.WriteLine("| suite | subject | tx/s | mean µs | errors | alloc B/tx | reference | ratio |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---|---:|");
        foreach (BenchmarkResult r in results)
        {
            string alloc = r.AllocatedBytesPerTransaction is double a ? a.ToString("F1", CultureInfo.InvariantCulture) : "-";
            string ratio = r.Ratio is double x ? x.ToString("F2", CultureInfo.InvariantCulture) + "×" : "-";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Suite} | {r.Subject} | {r.TransactionsPerSecond:F0} | {r.MeanMicroseconds:F1} | {r.Errors} | {alloc} | {r.Reference} | {ratio} |"));
        }
    }
}
