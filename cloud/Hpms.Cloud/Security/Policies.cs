namespace Hpms.Cloud.Security;

/// <summary>
/// Authorization policies by what a caller may do; every endpoint names one
/// (<c>.RequireAuthorization(Policies.X)</c>). Admin satisfies all of them.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in role: read-only endpoints.</summary>
    public const string Read = "read";

    /// <summary>Technician, engineer, admin: work-order field work (accept, start, resolve).</summary>
    public const string FieldWork = "field-work";

    /// <summary>Engineer, admin: acknowledge and clear alarms, verify, reopen, assign, cancel work orders.</summary>
    public const string Engineering = "engineering";

    /// <summary>Supply, admin: orders, exports, stock holds.</summary>
    public const string Supply = "supply";

    /// <summary>Engineer, supply, admin: commands to cabinets (unlock, pick-to-light).</summary>
    public const string DeviceCommands = "device-commands";

    /// <summary>Admin only: users, API keys, devices and catalogue.</summary>
    public const string Administration = "administration";

    /// <summary>The roles each policy admits.</summary>
    public static IReadOnlyDictionary<string, string[]> RolesOf { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [Read] = [Roles.Viewer, Roles.Technician, Roles.Engineer, Roles.Supply, Roles.Admin],
        [FieldWork] = [Roles.Technician, Roles.Engineer, Roles.Admin],
        [Engineering] = [Roles.Engineer, Roles.Admin],
        [Supply] = [Roles.Supply, Roles.Admin],
        [DeviceCommands] = [Roles.Engineer, Roles.Supply, Roles.Admin],
        [Administration] = [Roles.Admin],
    };
}
