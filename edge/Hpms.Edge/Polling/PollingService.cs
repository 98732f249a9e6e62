using Hpms.Edge.Configuration;
using Hpms.Edge.Devices;
using Hpms.Edge.Pipeline;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hpms.Edge.Polling;

/// <summary>Runs every line of the gateway: TCP devices concurrently, each RS-485 line one request at a time.</summary>
public sealed partial class PollingService(
    IOptions<GatewayOptions> gateway, ReadingChannel output, TimeProvider clock, ILoggerFactory loggers) : BackgroundService
{
    private readonly ILogger _logger = loggers.CreateLogger<PollingService>();

    /// <summary>Gets the devices (after start).</summary>
    public IReadOnlyList<EdgeDevice> Devices { get; private set; } = [];

    /// <summary>Gets the lines (after start).</summary>
    public IReadOnlyList<PollLine> Lines { get; private set; } = [];

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Devices = EdgeDeviceFactory.Create(gateway.Value);
        Lines = PollLines.Create(gateway.Value, Devices, output, clock, loggers);
        LogStarting(_logger, Devices.Count, Lines.Count);
        try
        {
            await Task.WhenAll(Lines.Select(l => RunLineAsync(l, stoppingToken))).ConfigureAwait(false);
        }
        finally
        {
            foreach (PollLine line in Lines)
            {
                await line.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task RunLineAsync(PollLine line, CancellationToken stoppingToken)
    {
        try
        {
            await line.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Polling {Devices} Modbus devices on {Lines} lines")]
    private static partial void LogStarting(ILogger logger, int devices, int lines);
}
