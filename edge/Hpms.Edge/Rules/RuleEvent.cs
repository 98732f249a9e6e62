using Hpms.Protocols.Telemetry;
using Hpms.Protocols.Envelopes;

namespace Hpms.Edge.Rules;

/// <summary>
/// An event raised by a local rule. An alarm is emitted once as <see cref="EventState.Active"/> and once as
/// <see cref="EventState.Cleared"/>, both under the same <see cref="Id"/>; the id is derived from the rule id,
/// the device, the series and <see cref="StartUnixMs"/>, so a restart or a replay of the same readings yields
/// the same id and the cloud de-duplicates on it.
/// </summary>
/// <param name="Id">Stable id: 32 lowercase hex characters (see <see cref="EventIds"/>).</param>
/// <param name="RuleId">The configured rule id (e.g. <c>fridge.temperature.high</c>).</param>
/// <param name="Kind">Rule family.</param>
/// <param name="Severity">How urgent.</param>
/// <param name="State">Active, cleared or momentary.</param>
/// <param name="Device">The device's tags.</param>
/// <param name="Series">What the rule watched: the channel, or the bin (e.g. <c>bin03</c>) for stock rules.</param>
/// <param name="StartUnixMs">When the condition began (the first reading that breached, not the end of the on-delay).</param>
/// <param name="ClearUnixMs">When it ended, for cleared events.</param>
/// <param name="AtUnixMs">Timestamp of the reading that produced this emission.</param>
/// <param name="Value">The reading that produced this emission (a rate per minute for rate rules, seconds open for door rules).</param>
/// <param name="Limit">The limit it was judged against, if any.</param>
/// <param name="Peak">The extreme value seen while the condition held, if meaningful.</param>
/// <param name="Unit">Unit of <see cref="Value"/>, <see cref="Limit"/> and <see cref="Peak"/>.</param>
/// <param name="Message">One line for people, invariant culture.</param>
/// <param name="Excursion">The excursion report, for <see cref="RuleEventKind.ColdChainExcursion"/> events.</param>
public sealed record RuleEvent(
    string Id,
    string RuleId,
    RuleEventKind Kind,
    EventSeverity Severity,
    EventState State,
    DeviceTags Device,
    string Series,
    long StartUnixMs,
    long? ClearUnixMs,
    long AtUnixMs,
    double Value,
    double? Limit,
    double? Peak,
    string Unit,
    string Message,
    ExcursionReport? Excursion = null);
