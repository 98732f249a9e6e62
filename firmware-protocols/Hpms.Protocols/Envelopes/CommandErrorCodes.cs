namespace Hpms.Protocols.Envelopes;

/// <summary>Error codes of a <see cref="CommandReply"/>.</summary>
public static class CommandErrorCodes
{
    /// <summary>The envelope or its arguments are invalid.</summary>
    public const string BadRequest = "bad_request";

    /// <summary>The signature is missing or wrong, or the issuer may not do this.</summary>
    public const string Unauthorized = "unauthorized";

    /// <summary>The command arrived after its expiry.</summary>
    public const string Expired = "expired";

    /// <summary>The nonce was seen before.</summary>
    public const string Replayed = "replayed";

    /// <summary>The gateway has no such device.</summary>
    public const string UnknownDevice = "unknown_device";

    /// <summary>The device does not know the command.</summary>
    public const string UnknownCommand = "unknown_command";

    /// <summary>The device refused or failed (Modbus exception, cabinet error).</summary>
    public const string DeviceError = "device_error";

    /// <summary>The device did not answer in time.</summary>
    public const string Timeout = "timeout";
}
