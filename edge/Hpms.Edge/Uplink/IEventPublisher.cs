using Hpms.Protocols.Envelopes;

namespace Hpms.Edge.Uplink;

/// <summary>Where local events go (into every sink's durable buffer, events first).</summary>
public interface IEventPublisher
{
    /// <summary>Publishes an event.</summary>
    /// <param name="deviceEvent">The event.</param>
    void Publish(DeviceEvent deviceEvent);
}
