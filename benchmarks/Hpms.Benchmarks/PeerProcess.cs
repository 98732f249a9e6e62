using System.Diagnostics;
using System.Text.Json;

namespace Hpms.Benchmarks;

/// <summary>Starts the third-party peers (libmodbus programs, socat) and reads what they print.</summary>
internal static class PeerProcess
{
    public static Process Start(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
    }

    public static async Task WaitForLineAsync(Process process, string marker, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            string? line = await process.StandardOutput.ReadLineAsync(deadline.Token).ConfigureAwait(false);
            if (line is null)
            {
                string error = await process.StandardError.ReadToEndAsync(deadline.Token).ConfigureAwait(false);
                throw new InvalidOperationException($"{process.StartInfo.FileName} ended before '{marker}': {error}");
            }

            if (line.Contains(marker, StringComparison.Ordinal))
            {
                return;
            }
        }
    }

    /// <summary>Runs libmodbus_bench_client and parses its JSON line.</summary>
    public static async Task<(double TxPerSecond, double MeanUs, long Errors)> RunLibmodbusClientAsync(string bin, TimeSpan duration, params string[] args)
    {
        string[] full = [.. args, ((int)Math.Ceiling(duration.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture)];
        using Process client = Start(Path.Combine(bin, "libmodbus_bench_client"), full);
        using var deadline = new CancellationTokenSource(duration + TimeSpan.FromSeconds(30));
        string output = await client.StandardOutput.ReadToEndAsync(deadline.Token).ConfigureAwait(false);
        await client.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        using JsonDocument json = JsonDocument.Parse(output.Trim());
        JsonElement root = json.RootElement;
        return (root.GetProperty("tx_per_s").GetDouble(), root.GetProperty("mean_us").GetDouble(), root.GetProperty("errors").GetInt64());
    }

    public static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
    }
}
