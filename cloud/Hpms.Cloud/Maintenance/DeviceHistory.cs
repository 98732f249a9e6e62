using Hpms.Cloud.Domain.Maintenance;

namespace Hpms.Cloud.Maintenance;

/// <summary>The downsampled history of one device's channels, oldest first.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="ZoneTag">The <c>zone</c> tag of its newest series (a fallback when the device is not registered).</param>
/// <param name="Channels">Points per channel.</param>
public sealed record DeviceHistory(string DeviceId, string ZoneTag, IReadOnlyDictionary<string, IReadOnlyList<TrendPoint>> Channels)
{
    /// <summary>The points of a channel (empty when absent).</summary>
    /// <param name="channel">Channel.</param>
    /// <returns>Its points.</returns>
    public IReadOnlyList<TrendPoint> Points(string channel) => Channels.TryGetValue(channel, out IReadOnlyList<TrendPoint>? points) ? points : [];

    /// <summary>The newest value of a channel, or null.</summary>
    /// <param name="channel">Channel.</param>
    /// <returns>Its newest value.</returns>
    public double? Latest(string channel) => Points(channel) is { Count: > 0 } p ? p[^1].Value : null;
}
