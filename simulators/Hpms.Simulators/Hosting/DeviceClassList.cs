using System.Globalization;
using System.Text;
using Hpms.Simulators.Devices;
using Hpms.Simulators.Scenarios;

namespace Hpms.Simulators.Hosting;

/// <summary>The device classes and the events each accepts, as a Markdown table (for <c>--list</c> and the README).</summary>
public static class DeviceClassList
{
    /// <summary>Renders the table.</summary>
    /// <returns>Markdown.</returns>
    public static string Markdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| class | served as | event | duration (`for`) | parameters (default, range) | what happens |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (DeviceClassInfo info in DeviceCatalog.All.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            string served = info.MapClass is null ? "MQTT 5 client" : info.MapFromScenario ? "Modbus, map named per device" : $"Modbus, `{info.MapClass}.json`";
            IEnumerable<EventSpec> events = info.Events;
            bool first = true;
            foreach (EventSpec e in events)
            {
                string parameters = string.Join(", ", e.Parameters.Select(p => string.Create(CultureInfo.InvariantCulture, $"`{p.Name}` ({p.Default:G}, {p.Min:G}..{p.Max:G})")));
                text.AppendLine(CultureInfo.InvariantCulture, $"| {(first ? $"`{info.Name}`" : string.Empty)} | {(first ? served : string.Empty)} | `{e.Kind}` | {e.Duration.ToString().ToLowerInvariant()} | {parameters} | {e.Description} |");
                first = false;
            }

            if (first)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| `{info.Name}` | {served} | — | | | |");
            }
        }

        text.AppendLine();
        text.AppendLine("Every Modbus device (target `device`) and every Modbus endpoint (target `endpoint`) also accepts:");
        text.AppendLine();
        text.AppendLine("| event | duration (`for`) | parameters (default, range) | what happens |");
        text.AppendLine("|---|---|---|---|");
        foreach (EventSpec e in SimulatorEvents.Specs)
        {
            string parameters = string.Join(", ", e.Parameters.Select(p => string.Create(CultureInfo.InvariantCulture, $"`{p.Name}` ({p.Default:G}, {p.Min:G}..{p.Max:G})")));
            text.AppendLine(CultureInfo.InvariantCulture, $"| `{e.Kind}` | {e.Duration.ToString().ToLowerInvariant()} | {parameters} | {e.Description} |");
        }

        return text.ToString();
    }
}
