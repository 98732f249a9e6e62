using Hpms.Telemetry.Buffering;
using Hpms.Telemetry.Forwarding;
using MQTTnet;
using MQTTnet.Exceptions;

namespace Hpms.Edge.Uplink;

/// <summary>
/// Publishes one durable-queue batch of <see cref="MqttRecord"/>s (topic + payload) at once and waits for every
/// acknowledgement: the part the MQTT and IoT Hub uplinks share. Delivered only when the broker accepted them
/// all and someone subscribes to them; a refusal, "no matching subscribers" (the broker dropped the message) or a
/// connection lost mid-batch means the whole batch goes again (the cloud de-duplicates).
/// A record that cannot be read is counted and skipped, never retried forever.
/// </summary>
internal static class MqttBatchPublisher
{
    /// <summary>Publishes a batch.</summary>
    /// <param name="client">A connected client.</param>
    /// <param name="batch">The records.</param>
    /// <param name="toMessage">Builds the message of one record (QoS, properties).</param>
    /// <param name="timeout">How long the whole batch may take.</param>
    /// <param name="cancellationToken">Stops.</param>
    /// <returns>The outcome, messages published, records skipped as unreadable, and the first refusal if any.</returns>
    public static async Task<BatchPublishResult> PublishAsync(
        IMqttClient client, DurableQueueBatch batch, Func<string, ReadOnlyMemory<byte>, MqttApplicationMessage> toMessage, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var publishes = new List<Task<MqttClientPublishResult>>(batch.Count);
        int corrupt = 0;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            for (int i = 0; i < batch.Count; i++)
            {
                if (!MqttRecord.TryRead(batch.GetPayload(i), out string topic, out ReadOnlyMemory<byte> payload))
                {
                    corrupt++;
                    continue;
                }

                publishes.Add(client.PublishAsync(toMessage(topic, payload), deadline.Token));
            }

            MqttClientPublishResult[] results = await Task.WhenAll(publishes).ConfigureAwait(false);
            MqttClientPublishResult? refused = results.FirstOrDefault(r => !IsDelivered(r));
            return refused is null
                ? new BatchPublishResult(SendOutcome.Delivered, results.Length, corrupt, null)
                : new BatchPublishResult(SendOutcome.RetryLater, 0, corrupt, refused);
        }
        catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            return new BatchPublishResult(SendOutcome.RetryLater, 0, corrupt, null); // connection lost mid-batch
        }
    }

    // MQTTnet counts "no matching subscribers" (MQTT 5 reason 0x10) as a success, but the broker has then dropped the
    // message: nobody (no cloud session, not even an offline one) subscribes yet, as after a broker restart that
    // lost its sessions, before the cloud has subscribed again. Such a batch is kept and sent again later.
    private static bool IsDelivered(MqttClientPublishResult result) => result.ReasonCode == MqttClientPublishReasonCode.Success;
}

/// <summary>What publishing one batch came to.</summary>
/// <param name="Outcome">Delivered, or retry the batch later.</param>
/// <param name="Published">Messages the broker accepted (0 unless delivered).</param>
/// <param name="Corrupt">Records that could not be read and were skipped.</param>
/// <param name="Refused">The first refusal, when the broker refused one.</param>
internal readonly record struct BatchPublishResult(SendOutcome Outcome, int Published, int Corrupt, MqttClientPublishResult? Refused);
