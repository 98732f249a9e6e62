namespace Hpms.Cloud.Domain.WorkOrders;

/// <summary>
/// Chooses who gets a work order. Must: active, level-1 technician (supervisors and managers receive
/// escalations, not routine work), has the skill, on shift now. Then prefers: works in the zone, fewest
/// open work orders, smallest id (ordinal) so the choice is the same on every instance.
/// </summary>
public static class DispatchPolicy
{
    /// <summary>Picks a technician, or null when nobody fits (the work stays created and SLA escalation takes over).</summary>
    /// <param name="skill">Skill the work needs.</param>
    /// <param name="zone">Where the work is.</param>
    /// <param name="minuteOfDay">The site's local minute of the day now.</param>
    /// <param name="candidates">Every technician.</param>
    /// <returns>The chosen technician's id, or null.</returns>
    public static string? Choose(string skill, string zone, int minuteOfDay, IEnumerable<TechnicianCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        TechnicianCandidate? best = null;
        foreach (TechnicianCandidate c in candidates)
        {
            if (!Eligible(c, skill, minuteOfDay))
            {
                continue;
            }

            if (best is null || Better(c, best, zone))
            {
                best = c;
            }
        }

        return best?.Id;
    }

    /// <summary>Whether a technician can take the work at all.</summary>
    /// <param name="candidate">The technician.</param>
    /// <param name="skill">Skill needed.</param>
    /// <param name="minuteOfDay">Local minute now.</param>
    /// <returns>True when eligible.</returns>
    public static bool Eligible(TechnicianCandidate candidate, string skill, int minuteOfDay)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return candidate.Active && candidate.EscalationLevel <= 1 && candidate.Skills.Contains(skill) && candidate.Shift.Contains(minuteOfDay);
    }

    private static bool Better(TechnicianCandidate a, TechnicianCandidate b, string zone)
    {
        bool aInZone = a.Zones.Contains(zone);
        bool bInZone = b.Zones.Contains(zone);
        if (aInZone != bInZone)
        {
            return aInZone;
        }

        if (a.OpenLoad != b.OpenLoad)
        {
            return a.OpenLoad < b.OpenLoad;
        }

        return string.CompareOrdinal(a.Id, b.Id) < 0;
    }
}
