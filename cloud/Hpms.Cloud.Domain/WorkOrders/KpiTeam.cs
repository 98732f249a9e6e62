using System.Diagnostics.CodeAnalysis;

namespace Hpms.Cloud.Domain.WorkOrders;

/// <summary>Whose work the KPIs cover: everyone, one zone (<c>zone:icu-3</c>) or one skill (<c>skill:hvac</c>).</summary>
/// <param name="Zone">The zone, or null.</param>
/// <param name="Skill">The skill, or null.</param>
public sealed record KpiTeam(string? Zone, string? Skill)
{
    /// <summary>Gets the team of everyone.</summary>
    public static KpiTeam Everyone { get; } = new(null, null);

    /// <summary>Whether a work order is this team's.</summary>
    /// <param name="record">The work order.</param>
    /// <returns>True when it counts.</returns>
    public bool Covers(WorkOrderRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return (Zone is null || string.Equals(record.Zone, Zone, StringComparison.Ordinal))
            && (Skill is null || string.Equals(record.Skill, Skill, StringComparison.Ordinal));
    }

    /// <summary>Reads <c>zone:X</c>, <c>skill:X</c> or nothing (everyone).</summary>
    /// <param name="text">The query value.</param>
    /// <param name="team">The team when valid.</param>
    /// <returns>False for anything else.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out KpiTeam? team)
    {
        team = null;
        if (string.IsNullOrEmpty(text))
        {
            team = Everyone;
        }
        else if (text.StartsWith("zone:", StringComparison.Ordinal) && text.Length > 5)
        {
            team = new(text[5..], null);
        }
        else if (text.StartsWith("skill:", StringComparison.Ordinal) && text.Length > 6)
        {
            team = new(null, text[6..]);
        }

        return team is not null;
    }

    /// <inheritdoc/>
    public override string ToString() => Zone is not null ? "zone:" + Zone : Skill is not null ? "skill:" + Skill : "all";
}
