namespace Hpms.Protocols.Telemetry;

/// <summary>
/// The versioned MQTT topics between gateways and the cloud:
/// <c>hpms/v1/{site}/{gateway}/{device}/telemetry|event|state</c>, commands on
/// <c>hpms/v1/{site}/{gateway}/{device}/cmd/{name}</c> with replies correlated by MQTT 5 response topic and
/// correlation data. Topic levels are ids (no '/', '+', '#'): <see cref="IsValidLevel"/> checks them.
/// </summary>
public static class TopicScheme
{
    /// <summary>First two levels of every topic.</summary>
    public const string Root = "hpms/v1";

    /// <summary>Telemetry of a device.</summary>
    /// <param name="site">Site id.</param>
    /// <param name="gateway">Gateway id.</param>
    /// <param name="device">Device id.</param>
    /// <returns>The topic.</returns>
    public static string Telemetry(string site, string gateway, string device) => $"{Root}/{site}/{gateway}/{device}/telemetry";

    /// <summary>Events of a device (start and clear of alarms and happenings).</summary>
    /// <param name="site">Site id.</param>
    /// <param name="gateway">Gateway id.</param>
    /// <param name="device">Device id.</param>
    /// <returns>The topic.</returns>
    public static string Event(string site, string gateway, string device) => $"{Root}/{site}/{gateway}/{device}/event";

    /// <summary>Retained state of a device (online, counters).</summary>
    /// <param name="site">Site id.</param>
    /// <param name="gateway">Gateway id.</param>
    /// <param name="device">Device id.</param>
    /// <returns>The topic.</returns>
    public static string State(string site, string gateway, string device) => $"{Root}/{site}/{gateway}/{device}/state";

    /// <summary>A command to a device.</summary>
    /// <param name="site">Site id.</param>
    /// <param name="gateway">Gateway id.</param>
    /// <param name="device">Device id.</param>
    /// <param name="name">Command name (e.g. <c>unlock</c>).</param>
    /// <returns>The topic.</returns>
    public static string Command(string site, string gateway, string device, string name) => $"{Root}/{site}/{gateway}/{device}/cmd/{name}";

    /// <summary>The filter a gateway subscribes to for all commands to its devices.</summary>
    /// <param name="site">Site id.</param>
    /// <param name="gateway">Gateway id.</param>
    /// <returns>The topic filter.</returns>
    public static string GatewayCommands(string site, string gateway) => $"{Root}/{site}/{gateway}/+/cmd/+";

    /// <summary>True when a string can be one topic level (non-empty, no '/', '+', '#', no control characters, ≤ 128 chars).</summary>
    /// <param name="level">Candidate level.</param>
    /// <returns>Whether it is valid.</returns>
    public static bool IsValidLevel(string? level) =>
        !string.IsNullOrEmpty(level) && level.Length <= 128 && level.All(c => c is not ('/' or '+' or '#') && !char.IsControl(c));
}
