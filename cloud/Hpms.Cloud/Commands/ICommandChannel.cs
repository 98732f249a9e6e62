using Hpms.Protocols.Envelopes;

namespace Hpms.Cloud.Commands;

/// <summary>Carries a signed command to its gateway and brings back the reply.</summary>
public interface ICommandChannel
{
    /// <summary>Gets a value indicating whether commands can be sent now (configured and connected).</summary>
    bool IsConnected { get; }

    /// <summary>Publishes a command and waits for its reply.</summary>
    /// <param name="command">The signed command.</param>
    /// <param name="site">The device's site.</param>
    /// <param name="gateway">The device's gateway.</param>
    /// <param name="timeout">How long to wait for the reply.</param>
    /// <param name="cancellationToken">Cancels the wait (the request was aborted).</param>
    /// <returns>The reply, or null when none came in time.</returns>
    Task<CommandReply?> SendAsync(DeviceCommand command, string site, string gateway, TimeSpan timeout, CancellationToken cancellationToken);
}
