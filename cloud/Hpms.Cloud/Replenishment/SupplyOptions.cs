namespace Hpms.Cloud.Replenishment;

/// <summary>Configuration section <c>Supply</c>: replenishment defaults, gas deliveries and order export.</summary>
public sealed class SupplyOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Supply";

    /// <summary>Gets or sets the supplier of items missing from the catalogue (their lines are flagged, never dropped).</summary>
    public string DefaultSupplierId { get; set; } = "unassigned";

    /// <summary>Gets or sets the pack size of items missing from the catalogue.</summary>
    public int DefaultPackSize { get; set; } = 1;

    /// <summary>Gets or sets the gas supplier when the gas item (e.g. <c>O2-LOX</c>) is not in the catalogue.</summary>
    public string GasSupplierId { get; set; } = "gas-supplier";

    /// <summary>Gets or sets the LOX delivery lead time when the supplier has none registered.</summary>
    public double GasLeadTimeDays { get; set; } = 2;

    /// <summary>Gets or sets the LOX level (%) at or above which an open LOX delivery line counts as delivered.</summary>
    public double LoxRefilledPercent { get; set; } = 60;

    /// <summary>Gets or sets the shortest span of LOX readings a days-to-empty forecast is drawn over.</summary>
    public TimeSpan LoxTrendMinSpan { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets the span after which the forecast's reference reading is renewed.</summary>
    public TimeSpan LoxTrendWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Gets or sets how often the set of open (cabinet, bin) lines is re-read from the database.</summary>
    public TimeSpan OpenLinesRefresh { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets whether the webhook exporter runs.</summary>
    public bool ExportEnabled { get; set; } = true;

    /// <summary>Gets or sets the webhook used for suppliers without their own <c>webhook_url</c>; none → CSV only.</summary>
    public Uri? ExportWebhookUrl { get; set; }

    /// <summary>Gets or sets how often open orders are exported.</summary>
    public TimeSpan ExportInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long an order stays open collecting lines before it is exported.</summary>
    public TimeSpan ExportSettle { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the attempts per order per export round.</summary>
    public int ExportMaxAttempts { get; set; } = 5;

    /// <summary>Gets or sets the first retry delay (doubled after each failure).</summary>
    public TimeSpan ExportBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the time limit of one webhook request.</summary>
    public TimeSpan ExportTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
