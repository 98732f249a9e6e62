using Hpms.Protocols.Telemetry;

namespace Hpms.Cloud.Ingest;

/// <summary>A gateway topic <c>hpms/v1/{site}/{gateway}/{device}/telemetry|event|state</c>, split (see <see cref="TopicScheme"/>).</summary>
/// <param name="Site">Site id.</param>
/// <param name="Gateway">Gateway id.</param>
/// <param name="Device">Device id.</param>
/// <param name="Kind">What the topic carries.</param>
public sealed record IngestTopic(string Site, string Gateway, string Device, IngestMessageKind Kind)
{
    /// <summary>The filters the ingest subscribes to, shared in a group when one is given.</summary>
    /// <param name="sharedGroup">MQTT 5 shared-subscription group, or empty for plain subscriptions.</param>
    /// <returns>Three filters: telemetry, event, state.</returns>
    public static IReadOnlyList<string> Filters(string sharedGroup) => [.. Filters(sharedGroup, IngestLane.Telemetry), .. Filters(sharedGroup, IngestLane.Events)];

    /// <summary>The filters one lane's connection subscribes to.</summary>
    /// <param name="sharedGroup">MQTT 5 shared-subscription group, or empty for plain subscriptions.</param>
    /// <param name="lane">The lane.</param>
    /// <returns>Telemetry; or event and state.</returns>
    public static IReadOnlyList<string> Filters(string sharedGroup, IngestLane lane)
    {
        ArgumentNullException.ThrowIfNull(sharedGroup);
        string prefix = sharedGroup.Length == 0 ? string.Empty : "$share/" + sharedGroup + "/";
        return lane == IngestLane.Telemetry
            ? [prefix + TopicScheme.Root + "/+/+/+/telemetry"]
            : [prefix + TopicScheme.Root + "/+/+/+/event", prefix + TopicScheme.Root + "/+/+/+/state"];
    }

    /// <summary>A lane's MQTT client id (its persistent session): the configured id for telemetry, "-events" after it for events.</summary>
    /// <param name="clientId">Ingest:ClientId.</param>
    /// <param name="lane">The lane.</param>
    /// <returns>The client id.</returns>
    public static string ClientId(string clientId, IngestLane lane) => lane == IngestLane.Telemetry ? clientId : clientId + "-events";

    /// <summary>Splits a topic; null when it is not a gateway's telemetry, event or state topic with valid levels.</summary>
    /// <param name="topic">The topic a message arrived on.</param>
    /// <returns>The parts, or null.</returns>
    public static IngestTopic? Parse(string? topic)
    {
        if (topic is null || !topic.StartsWith(TopicScheme.Root + "/", StringComparison.Ordinal))
        {
            return null;
        }

        string[] levels = topic[(TopicScheme.Root.Length + 1)..].Split('/');
        if (levels.Length != 4 || !TopicScheme.IsValidLevel(levels[0]) || !TopicScheme.IsValidLevel(levels[1]) || !TopicScheme.IsValidLevel(levels[2]))
        {
            return null;
        }

        IngestMessageKind? kind = levels[3] switch
        {
            "telemetry" => IngestMessageKind.Telemetry,
            "event" => IngestMessageKind.Event,
            "state" => IngestMessageKind.State,
            _ => null,
        };
        return kind is { } k ? new IngestTopic(levels[0], levels[1], levels[2], k) : null;
    }

    /// <summary>Whether a payload's device tags name the device of this topic (site, gateway and id).</summary>
    /// <param name="device">The payload's tags.</param>
    /// <returns>True when they agree.</returns>
    public bool Matches(DeviceTags device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return string.Equals(device.Site, Site, StringComparison.Ordinal)
            && string.Equals(device.Gateway, Gateway, StringComparison.Ordinal)
            && string.Equals(device.DeviceId, Device, StringComparison.Ordinal);
    }
}
