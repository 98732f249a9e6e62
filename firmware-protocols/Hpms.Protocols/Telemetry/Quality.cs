namespace Hpms.Protocols.Telemetry;

/// <summary>How far a reading can be trusted.</summary>
public enum Quality
{
    /// <summary>Read from the device just now.</summary>
    Good,

    /// <summary>The device answered with an error, or the value cannot be decoded.</summary>
    Bad,

    /// <summary>The last good value, older than the device's poll interval allows (the device stopped answering).</summary>
    Stale,
}
