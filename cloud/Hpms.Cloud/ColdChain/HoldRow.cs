namespace Hpms.Cloud.ColdChain;

/// <summary>A stock hold as the API shows it.</summary>
public sealed record HoldRow
{
    /// <summary>Gets the id.</summary>
    public long Id { get; init; }

    /// <summary>Gets the alarm that caused it.</summary>
    public long AlarmId { get; init; }

    /// <summary>Gets the fridge.</summary>
    public string DeviceId { get; init; } = "";

    /// <summary>Gets held, released or discarded.</summary>
    public string Status { get; init; } = "";

    /// <summary>Gets the lots held (JSON).</summary>
    public string LotsJson { get; init; } = "[]";

    /// <summary>Gets when it was placed.</summary>
    public long CreatedMs { get; init; }

    /// <summary>Gets when it was decided.</summary>
    public long? DecidedMs { get; init; }

    /// <summary>Gets who decided.</summary>
    public string? DecidedBy { get; init; }
}
