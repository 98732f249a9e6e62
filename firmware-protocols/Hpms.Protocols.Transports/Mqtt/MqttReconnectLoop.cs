using MQTTnet;
using MQTTnet.Exceptions;

namespace Hpms.Protocols.Transports.Mqtt;

/// <summary>
/// Keeps an MQTT client connected until stopped, the way the cloud ingest and the edge's MQTT-native device link do:
/// whenever the client is found down it connects again, retrying with a delay that doubles up to a ceiling, and while
/// connected it looks again every <c>retryDelay</c>. Leaving, it disconnects cleanly within a timeout.
/// </summary>
public static class MqttReconnectLoop
{
    /// <summary>Runs until <paramref name="stoppingToken"/> is cancelled.</summary>
    /// <param name="client">The client.</param>
    /// <param name="connectAsync">Connects and subscribes; false when it could not (it logs why).</param>
    /// <param name="onLost">Called once each time a connection that was up is found down.</param>
    /// <param name="retryDelay">First retry delay, and how often a live connection is looked at.</param>
    /// <param name="maxRetryDelay">Ceiling of the doubling retry delay.</param>
    /// <param name="time">Clock of the delays.</param>
    /// <param name="stoppingToken">Stops it.</param>
    /// <returns>Done when stopped.</returns>
    public static async Task RunAsync(
        IMqttClient client, Func<CancellationToken, Task<bool>> connectAsync, Action onLost, TimeSpan retryDelay, TimeSpan maxRetryDelay, TimeProvider time, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(connectAsync);
        ArgumentNullException.ThrowIfNull(onLost);
        TimeSpan delay = retryDelay;
        bool wasConnected = false;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (!client.IsConnected)
                {
                    if (wasConnected)
                    {
                        onLost();
                        wasConnected = false;
                    }

                    if (await connectAsync(stoppingToken).ConfigureAwait(false))
                    {
                        wasConnected = true;
                        delay = retryDelay;
                    }
                    else
                    {
                        delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, maxRetryDelay.Ticks));
                    }
                }

                await Task.Delay(wasConnected ? retryDelay : delay, time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Disconnects cleanly if connected, giving up after <paramref name="timeout"/>; a broker already gone is no error.</summary>
    /// <param name="client">The client.</param>
    /// <param name="timeout">How long to wait for the broker.</param>
    /// <returns>Done.</returns>
    public static async Task DisconnectQuietlyAsync(IMqttClient client, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!client.IsConnected)
        {
            return;
        }

        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await client.DisconnectAsync(new MqttClientDisconnectOptions(), cancel.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException)
        {
            // Leaving anyway; a persistent session keeps the subscriptions and unacknowledged messages.
        }
    }
}
