namespace Hpms.Cloud.Domain.Maintenance;

/// <summary>Priority by how soon a predicted crossing comes.</summary>
public sealed class Urgency
{
    /// <summary>Gets or sets the horizon within which a crossing is P2.</summary>
    public TimeSpan UrgentWithin { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Gets or sets the horizon within which a crossing is P3 (later ones are P4).</summary>
    public TimeSpan SoonWithin { get; set; } = TimeSpan.FromDays(3);

    /// <summary>The priority of a crossing <paramref name="until"/> from now.</summary>
    /// <param name="until">Time left (zero or less: crossed).</param>
    /// <returns>P2, P3 or P4.</returns>
    public string PriorityFor(TimeSpan until) => until <= UrgentWithin ? "P2" : until <= SoonWithin ? "P3" : "P4";

    /// <summary>Problems with the settings, each naming its key.</summary>
    /// <param name="prefix">Configuration key prefix.</param>
    /// <returns>The problems.</returns>
    public IEnumerable<string> Validate(string prefix)
    {
        if (UrgentWithin < TimeSpan.Zero || SoonWithin < UrgentWithin)
        {
            yield return $"{prefix}: UrgentWithin must be ≥ 0 and SoonWithin ≥ UrgentWithin.";
        }
    }
}
