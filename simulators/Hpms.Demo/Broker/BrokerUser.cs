using System.Security.Cryptography;
using System.Text;

namespace Hpms.Demo.Broker;

/// <summary>
/// One broker account: its password and the topic prefixes it may publish and subscribe under (null = all, for
/// the cloud). A shared subscription (<c>$share/{group}/…</c>) is checked on the filter after the group.
/// </summary>
/// <param name="Name">User name.</param>
/// <param name="Password">Password.</param>
/// <param name="Prefixes">Topic prefixes (each ending in '/'), or null for every topic.</param>
public sealed record BrokerUser(string Name, string Password, IReadOnlyList<string>? Prefixes)
{
    /// <summary>Compares a presented password in constant time.</summary>
    /// <param name="presented">What the client sent.</param>
    /// <returns>True when it is the user's.</returns>
    public bool PasswordMatches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(Password));

    /// <summary>Whether the user may publish to a topic or subscribe to a filter.</summary>
    /// <param name="topicOrFilter">Topic or filter.</param>
    /// <returns>True when it lies under one of the user's prefixes.</returns>
    public bool MayUse(string topicOrFilter)
    {
        ArgumentNullException.ThrowIfNull(topicOrFilter);
        if (Prefixes is null)
        {
            return true;
        }

        string topic = topicOrFilter;
        if (topic.StartsWith("$share/", StringComparison.Ordinal))
        {
            int groupEnd = topic.IndexOf('/', "$share/".Length);
            topic = groupEnd < 0 ? string.Empty : topic[(groupEnd + 1)..];
        }

        // Wildcards after a user's prefix only reach topics under it.
        return Prefixes.Any(p => topic.StartsWith(p, StringComparison.Ordinal));
    }

    /// <inheritdoc/>
    public override string ToString() => Name; // never the password
}
