namespace Hpms.Simulators.Devices.SupplyCabinet;

/// <summary>The kinds of <see cref="CabinetNotice"/>; the same words name the MQTT events.</summary>
public static class CabinetNoticeKinds
{
    /// <summary>A badge opened the cabinet.</summary>
    public const string Badge = "badge";

    /// <summary>A badge was refused (lockdown).</summary>
    public const string BadgeRefused = "badge-refused";

    /// <summary>The door was opened without an unlock.</summary>
    public const string DoorForced = "door-forced";

    /// <summary>A bin went to or below its reorder point.</summary>
    public const string StockBelowReorder = "stock-below-reorder";

    /// <summary>A bin ran empty.</summary>
    public const string StockOut = "stock-out";

    /// <summary>A bin was refilled to par.</summary>
    public const string Restock = "restock";

    /// <summary>A remote unlock released the lock.</summary>
    public const string Unlock = "unlock";

    /// <summary>A remote unlock was refused (lockdown).</summary>
    public const string UnlockRefused = "unlock-refused";
}
