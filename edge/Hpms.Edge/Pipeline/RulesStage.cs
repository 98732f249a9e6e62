using System.Globalization;
using Hpms.Edge.Polling;
using Hpms.Edge.Rules;
using Hpms.Edge.Uplink;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hpms.Edge.Pipeline;

/// <summary>
/// Runs every reading through the local rule engine (so alarms fire with the WAN down) and publishes
/// the events into the uplink buffers. The engine's state is saved beside the buffers after every event, every
/// minute and at shutdown, and restored at start, so an alarm active before a restart (even a kill -9) is not
/// started twice.
/// </summary>
public sealed partial class RulesStage : IReadingConsumer, IDisposable
{
    private static readonly TimeSpan s_saveEvery = TimeSpan.FromMinutes(1);

    private readonly RuleEngine _engine;
    private readonly IEventPublisher _publisher;
    private readonly string _snapshotPath;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private DateTimeOffset _lastSave;
    private long _events;

    /// <summary>Creates the stage and restores the engine's saved state.</summary>
    /// <param name="rules">Validated rule options.</param>
    /// <param name="uplink">Uplink options (state folder).</param>
    /// <param name="publisher">Where events go.</param>
    /// <param name="clock">Time source.</param>
    /// <param name="logger">Log.</param>
    public RulesStage(IOptions<RulesOptions> rules, IOptions<UplinkOptions> uplink, IEventPublisher publisher, TimeProvider clock, ILogger<RulesStage> logger)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(uplink);
        ArgumentNullException.ThrowIfNull(clock);
        _engine = new RuleEngine(rules.Value);
        _publisher = publisher;
        _clock = clock;
        _logger = logger;
        _snapshotPath = Path.Combine(uplink.Value.StateDirectory, "rules-state.json");
        _lastSave = clock.GetUtcNow();
        if (File.Exists(_snapshotPath))
        {
            RuleSnapshotStatus status = _engine.RestoreSnapshot(File.ReadAllText(_snapshotPath));
            LogRestored(_logger, _snapshotPath, status.ToString(), _engine.SeriesCount);
        }
    }

    /// <summary>Gets events published so far.</summary>
    public long Events => Interlocked.Read(ref _events);

    /// <summary>Gets the engine (statistics, counters).</summary>
    public RuleEngine Engine => _engine;

    /// <summary>Turns a rule event into the envelope the cloud receives.</summary>
    /// <param name="e">The rule event.</param>
    /// <returns>The envelope.</returns>
    public static DeviceEvent ToEnvelope(RuleEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var values = new Dictionary<string, double>(StringComparer.Ordinal) { ["value"] = e.Value };
        if (e.Limit is double limit)
        {
            values["limit"] = limit;
        }

        if (e.Peak is double peak)
        {
            values["peak"] = peak;
        }

        if (e.Excursion is ExcursionReport x)
        {
            values["excursion_start"] = x.StartUnixMs;
            values["excursion_end"] = x.EndUnixMs;
            values["excursion_peak_c"] = x.PeakC;
            values["time_out_of_range_s"] = x.TimeOutOfRange.TotalSeconds;
            if (x.MeanKineticTemperatureC is double mkt)
            {
                values["mkt_c"] = mkt;
            }
        }

        string kind = string.Create(CultureInfo.InvariantCulture, $"{KindName(e.Kind)}:{e.RuleId}:{e.Series}");
        return new DeviceEvent(e.Id, kind, e.Device, e.State, e.Severity, e.StartUnixMs, e.State == EventState.Cleared ? e.ClearUnixMs ?? e.AtUnixMs : null, values, e.Message);
    }

    /// <inheritdoc/>
    public ValueTask ConsumeAsync(DeviceReading reading, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reading);
        bool raised = false;
        foreach (TelemetryPoint point in reading.Points)
        {
            foreach (RuleEvent e in _engine.Process(point))
            {
                _publisher.Publish(ToEnvelope(e));
                Interlocked.Increment(ref _events);
                LogEvent(_logger, e.Device.DeviceId, e.Kind.ToString(), e.State.ToString(), e.Message);
                raised = true;
            }
        }

        // Saved at once after an event is buffered: a kill -9 before the next periodic save would otherwise forget the
        // alarm is active and raise it again after the restart under a new id (its start time), which the cloud takes
        // for a new cause (seen as a second order line per cabinet in the system fault tests). Events are rare.
        if (raised || _clock.GetUtcNow() - _lastSave >= s_saveEvery)
        {
            Save();
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public void Dispose() => Save();

    internal static string KindName(RuleEventKind kind) => kind switch
    {
        RuleEventKind.Threshold => "threshold",
        RuleEventKind.RateOfChange => "rate-of-change",
        RuleEventKind.DoorOpenTooLong => "door-open-too-long",
        RuleEventKind.StockBelowReorderPoint => "stock-below-reorder-point",
        RuleEventKind.BankSwitchOver => "bank-switch-over",
        RuleEventKind.ColdChainExcursion => "cold-chain-excursion",
        _ => kind.ToString(),
    };

    private void Save()
    {
        _lastSave = _clock.GetUtcNow();
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_snapshotPath))!);
            string temp = _snapshotPath + ".tmp";
            File.WriteAllText(temp, _engine.CreateSnapshot());
            File.Move(temp, _snapshotPath, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogSaveFailed(_logger, ex, _snapshotPath);
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Rule state restored from {Path}: {Status}, {Series} series")]
    private static partial void LogRestored(ILogger logger, string path, string status, int series);

    [LoggerMessage(2, LogLevel.Information, "Event on {Device}: {Kind} {State}: {Message}")]
    private static partial void LogEvent(ILogger logger, string device, string kind, string state, string message);

    [LoggerMessage(3, LogLevel.Warning, "Cannot save the rule state to {Path}; an alarm may be re-announced after a restart")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, string path);
}
