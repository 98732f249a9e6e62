using Hpms.Cloud.Domain.Events;
using Hpms.Protocols.Envelopes;

namespace Hpms.Cloud.Events;

/// <summary>A validated event from a gateway, as the consumers see it.</summary>
/// <param name="Event">The envelope.</param>
/// <param name="Kind">Its kind, parsed.</param>
/// <param name="Topic">The MQTT topic it came on.</param>
/// <param name="ReceivedUnixMs">When the cloud received it.</param>
public sealed record ReceivedEvent(DeviceEvent Event, EventKind Kind, string Topic, long ReceivedUnixMs);
