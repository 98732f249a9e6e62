namespace Hpms.Cloud.Security;

/// <summary>The API's roles. A user or API key holds one or more.</summary>
public static class Roles
{
    /// <summary>Reads everything, changes nothing.</summary>
    public const string Viewer = "viewer";

    /// <summary>Works their work orders (accept, start, resolve).</summary>
    public const string Technician = "technician";

    /// <summary>Facility engineer: alarms, work orders (verify, reopen, assign), cabinet commands.</summary>
    public const string Engineer = "engineer";

    /// <summary>Pharmacy and supply: orders, stock holds, cabinet commands.</summary>
    public const string Supply = "supply";

    /// <summary>Everything, including users, keys and configuration.</summary>
    public const string Admin = "admin";

    /// <summary>Every role.</summary>
    public static IReadOnlyList<string> All { get; } = [Viewer, Technician, Engineer, Supply, Admin];
}
