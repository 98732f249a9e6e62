namespace Hpms.Protocols.MqttDevices;

/// <summary>Machine-readable reasons a cabinet refuses a command.</summary>
public static class CabinetCommandErrors
{
    /// <summary>The payload is not a valid command (bad JSON, wrong types, missing fields, out of range).</summary>
    public const string BadRequest = "bad-request";

    /// <summary>The command name is not one the cabinet knows.</summary>
    public const string UnknownCommand = "unknown-command";

    /// <summary>The command's expiry is past on the device clock.</summary>
    public const string Expired = "expired";

    /// <summary>A command with this id was already received.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>The cabinet is in lockdown.</summary>
    public const string Lockdown = "lockdown";

    /// <summary>A bin number the cabinet does not have.</summary>
    public const string BadBin = "bad-bin";
}
