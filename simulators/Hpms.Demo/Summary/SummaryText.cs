using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Hpms.Demo.Summary;

/// <summary>The summary as text for the console and as JSON for <c>--summary</c>.</summary>
public static class SummaryText
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Renders for the console.</summary>
    /// <param name="summary">Summary.</param>
    /// <returns>Text.</returns>
    public static string Render(DemoSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        CultureInfo c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"Summary of {summary.WallSeconds:0.#} s ({summary.SimulatedStart:ddd HH:mm} → {summary.SimulatedEnd:ddd HH:mm} simulated, ×{summary.Speed}):");
        text.AppendLine(c, $"  devices {summary.Devices} (+{summary.Gateways} gateway), telemetry points {summary.Points} ({summary.TimeSeriesSink}), events {summary.Events} (+{summary.DuplicateEvents} duplicates ignored)");
        text.AppendLine(c, $"  alarms {summary.AlarmsTotal} {Breakdown(summary.Alarms)}, holds {summary.Holds}");
        text.AppendLine(c, $"  orders {summary.OrdersTotal} {Breakdown(summary.Orders)} with {summary.OrderLines} lines");
        text.AppendLine(c, $"  work orders {summary.WorkOrdersTotal} {Breakdown(summary.WorkOrders)}");
        text.Append(c, $"  dead letters {summary.DeadLetters}, broker refusals {summary.BrokerRefusals}");
        return text.ToString();
    }

    /// <summary>Writes the JSON file.</summary>
    /// <param name="path">Where.</param>
    /// <param name="summary">Summary.</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <returns>A task.</returns>
    public static async Task WriteJsonAsync(string path, DemoSummary summary, CancellationToken cancellationToken)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(summary, s_json), cancellationToken).ConfigureAwait(false);
    }

    private static string Breakdown(IReadOnlyDictionary<string, long> counts) =>
        counts.Count == 0 ? string.Empty : "(" + string.Join(", ", counts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value}"))) + ")";
}
