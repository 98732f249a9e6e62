namespace Hpms.Cloud.Alarms;

/// <summary>An alarm as the API shows it.</summary>
public sealed record AlarmRow
{
    /// <summary>Gets the id.</summary>
    public long Id { get; init; }

    /// <summary>Gets the event that raised it.</summary>
    public string EventId { get; init; } = "";

    /// <summary>Gets the device.</summary>
    public string DeviceId { get; init; } = "";

    /// <summary>Gets the event family.</summary>
    public string Kind { get; init; } = "";

    /// <summary>Gets the rule id.</summary>
    public string RuleId { get; init; } = "";

    /// <summary>Gets the series (channel or bin).</summary>
    public string Series { get; init; } = "";

    /// <summary>Gets the severity.</summary>
    public string Severity { get; init; } = "";

    /// <summary>Gets the state.</summary>
    public string State { get; init; } = "";

    /// <summary>Gets when the condition started (UTC ms).</summary>
    public long StartedMs { get; init; }

    /// <summary>Gets when it cleared.</summary>
    public long? ClearedMs { get; init; }

    /// <summary>Gets who acknowledged it.</summary>
    public string? AcknowledgedBy { get; init; }

    /// <summary>Gets when it was acknowledged.</summary>
    public long? AcknowledgedMs { get; init; }

    /// <summary>Gets the event's message.</summary>
    public string Message { get; init; } = "";

    /// <summary>Gets the event's values (JSON object).</summary>
    public string ValuesJson { get; init; } = "{}";

    /// <summary>Gets the cold-chain excursion report (JSON), if any.</summary>
    public string? ExcursionJson { get; init; }
}
