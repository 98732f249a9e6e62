using Hpms.Protocols.Telemetry;

namespace Hpms.Edge.Commands;

/// <summary>The levels of a command topic <c>hpms/v1/{site}/{gateway}/{device}/cmd/{name}</c>.</summary>
/// <param name="Site">Site id.</param>
/// <param name="Gateway">Gateway id.</param>
/// <param name="Device">Device id.</param>
/// <param name="Name">Command name.</param>
public sealed record CommandTopic(string Site, string Gateway, string Device, string Name)
{
    /// <summary>Suffix of the reply topic used when a command carries no MQTT 5 response topic.</summary>
    public const string DefaultReplySuffix = "/reply";

    /// <summary>Gets the reply topic used when the command carries no response topic: the command topic + <c>/reply</c>
    /// (one level deeper, so the gateway's own subscription never matches it).</summary>
    public string DefaultReplyTopic => TopicScheme.Command(Site, Gateway, Device, Name) + DefaultReplySuffix;

    /// <summary>Splits a command topic.</summary>
    /// <param name="topic">Topic as received.</param>
    /// <returns>The levels, or null when the topic is not a command topic.</returns>
    public static CommandTopic? TryParse(string? topic)
    {
        string[] levels = (topic ?? string.Empty).Split('/');
        if (levels.Length != 7 || levels[0] != "hpms" || levels[1] != "v1" || levels[5] != "cmd"
            || !TopicScheme.IsValidLevel(levels[2]) || !TopicScheme.IsValidLevel(levels[3])
            || !TopicScheme.IsValidLevel(levels[4]) || !TopicScheme.IsValidLevel(levels[6]))
        {
            return null;
        }

        return new CommandTopic(levels[2], levels[3], levels[4], levels[6]);
    }
}
