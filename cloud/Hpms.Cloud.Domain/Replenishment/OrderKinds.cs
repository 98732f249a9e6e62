namespace Hpms.Cloud.Domain.Replenishment;

/// <summary>The kinds of order (<c>orders.kind</c>).</summary>
public static class OrderKinds
{
    /// <summary>Consumables for a supply cabinet.</summary>
    public const string Replenishment = "replenishment";

    /// <summary>A medical gas delivery (LOX fill, cylinder bank).</summary>
    public const string Gas = "gas";
}
