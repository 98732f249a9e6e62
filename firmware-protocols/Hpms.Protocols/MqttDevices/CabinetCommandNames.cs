namespace Hpms.Protocols.MqttDevices;

/// <summary>The commands a cabinet understands.</summary>
public static class CabinetCommandNames
{
    /// <summary>Release the lock: <c>{"badge": n, "seconds": 1..300}</c>; refused in lockdown.</summary>
    public const string Unlock = "unlock";

    /// <summary>Light pick-to-light LEDs: <c>{"bins": [1..24, ...]}</c>.</summary>
    public const string Light = "light";

    /// <summary>Set or clear lockdown: <c>{"on": true|false}</c>.</summary>
    public const string Lockdown = "lockdown";
}
