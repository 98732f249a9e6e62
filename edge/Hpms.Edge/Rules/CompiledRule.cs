using System.Globalization;
using Hpms.Protocols.Telemetry;
using Hpms.Protocols.Envelopes;

namespace Hpms.Edge.Rules;

/// <summary>One configured rule, ready to evaluate points against a series' state.</summary>
internal abstract class CompiledRule(RuleOptions options, RuleEventKind kind)
{
    public string Id { get; } = options.Id;

    private Type? _stateType;

    public RuleEventKind Kind { get; } = kind;

    public EventSeverity Severity { get; } = options.Severity;

    /// <summary>Whether the channel feeds this rule; <paramref name="series"/> names the state, <paramref name="secondary"/> marks a limit-like input.</summary>
    public abstract bool TryMatch(string channel, out string series, out bool secondary);

    public abstract SeriesState CreateState();

    /// <summary>Whether a (restored) state belongs to this kind of rule.</summary>
    public bool Fits(SeriesState state) => state.GetType() == (_stateType ??= CreateState().GetType());

    /// <summary>Feeds one good, finite point; returns false when it was not newer than the state's last one.</summary>
    public abstract bool Evaluate(SeriesState state, in TelemetryPoint point, string series, bool secondary, List<RuleEvent> events);

    protected RuleEvent NewEvent(
        in TelemetryPoint point, string series, string eventId, EventState state, long startMs, long? clearMs,
        double value, double? limit, double? peak, string unit, string message, ExcursionReport? excursion = null) =>
        new(eventId, Id, Kind, Severity, state, point.Device, series, startMs, clearMs, point.TimestampUnixMs,
            value, limit, peak, unit, message, excursion);

    protected string NewEventId(in TelemetryPoint point, string series, long startMs) =>
        EventIds.Create(Id, point.Device.Site, point.Device.DeviceId, series, startMs);

    protected static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    protected static string Minutes(long milliseconds) => (milliseconds / 60_000.0).ToString("0.#", CultureInfo.InvariantCulture);

    protected static string WithUnit(double value, string unit) => unit.Length == 0 ? Format(value) : Format(value) + " " + unit;
}
