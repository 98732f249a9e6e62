namespace Hpms.Cloud.Commands;

/// <summary>The states of a row in <c>commands</c>.</summary>
public static class CommandStatus
{
    /// <summary>Published, no reply yet.</summary>
    public const string Sent = "sent";

    /// <summary>The device ran it.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>The gateway refused it or the device failed (or it could not be published).</summary>
    public const string Failed = "failed";

    /// <summary>No reply within the timeout.</summary>
    public const string TimedOut = "timed_out";
}
