using System.Text.Json;
using System.Text.Json.Serialization;
using Hpms.Simulators.Endpoints;
using Hpms.Simulators.Scenarios;

namespace Hpms.Simulators.Hosting;

/// <summary>Where a running simulator's endpoints and devices are: what an edge or a test needs to reach them.</summary>
public sealed record SimulatorManifest(
    string Scenario,
    string Site,
    DateTimeOffset Start,
    double Speed,
    IReadOnlyList<ManifestEndpoint> Endpoints,
    IReadOnlyList<ManifestDevice> Devices)
{
    /// <summary>Gets the serializer options of manifest files.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>Describes a running simulator.</summary>
    /// <param name="runner">The runner.</param>
    /// <returns>The manifest.</returns>
    public static SimulatorManifest From(SimulatorRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        Scenario s = runner.Scenario;
        var hosts = runner.Endpoints.ToDictionary(h => h.Id, StringComparer.Ordinal);
        return new SimulatorManifest(
            s.Name,
            s.Site,
            s.Time.Start,
            s.Time.Speed,
            [.. s.Endpoints.Select(e => new ManifestEndpoint(
                e.Id,
                e.Kind,
                e.Host,
                hosts.TryGetValue(e.Id, out IEndpointHost? h) && h is TcpEndpointHost tcp ? tcp.Port : (e.Kind == EndpointKind.Mqtt ? e.Port : null),
                e.Pty,
                e.SerialPort,
                e.Kind == EndpointKind.ModbusRtu ? e.BaudRate : null,
                e.Kind == EndpointKind.ModbusRtu ? e.Paced : null))],
            [.. s.Devices.Select(d => new ManifestDevice(
                d.Device.Identity.Id,
                d.Class.Name,
                d.Device.Identity.Building,
                d.Device.Identity.Zone,
                d.Endpoint,
                d.Registers is null ? null : d.UnitId,
                d.MapFile))]);
    }
}

/// <summary>One endpoint in the manifest.</summary>
public sealed record ManifestEndpoint(string Id, EndpointKind Kind, string Host, int? Port, string? Pty, string? SerialPort, int? BaudRate, bool? Paced);

/// <summary>One device in the manifest.</summary>
public sealed record ManifestDevice(string Id, string Class, string Building, string Zone, string Endpoint, byte? UnitId, string? Map);
