using System.Globalization;
using System.IO.Ports;
using System.Text.Json;
using Hpms.Protocols.RegisterMaps;
using Hpms.Simulators.Devices;
using Hpms.Simulators.GroundTruth;
using Hpms.Simulators.Registers;
using Hpms.Simulators.Time;

namespace Hpms.Simulators.Scenarios;

/// <summary>
/// Reads a scenario file (format in <c>simulators/README.md</c>), expands fleets, builds every device
/// on its register map and checks every event against what its target accepts. All problems are
/// collected and refused together, each naming the file, the entry and the problem.
/// </summary>
public static class ScenarioLoader
{
    private const int MaxUnitsPerEndpoint = 247;
    private const int MaxDevices = 20_000;

    private static readonly JsonDocumentOptions s_options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static readonly string[] s_rootFields = ["$schema", "name", "description", "site", "seed", "time", "flow", "endpoints", "devices", "fleets", "events"];
    private static readonly string[] s_timeFields = ["start", "speed", "tickMilliseconds"];
    private static readonly string[] s_flowFields = ["outpatientShare", "saturdayOutpatient", "sundayOutpatient"];
    private static readonly string[] s_endpointFields =
        ["id", "count", "kind", "host", "port", "pty", "serialPort", "baudRate", "parity", "stopBits", "paced", "username", "passwordEnv"];
    private static readonly string[] s_deviceFields = ["id", "class", "building", "zone", "endpoint", "unitId", "map", "settings"];
    private static readonly string[] s_fleetFields = ["class", "count", "idFormat", "building", "zones", "endpoints", "map", "settings"];
    private static readonly string[] s_eventFields = ["at", "kind", "device", "endpoint", "for", "fault", "parameters"];

    private static readonly Dictionary<string, EndpointKind> s_kinds = new(StringComparer.Ordinal)
    {
        ["modbus-tcp"] = EndpointKind.ModbusTcp,
        ["rtu-over-tcp"] = EndpointKind.RtuOverTcp,
        ["modbus-rtu"] = EndpointKind.ModbusRtu,
        ["mqtt"] = EndpointKind.Mqtt,
    };

    /// <summary>Loads and builds a scenario file.</summary>
    /// <param name="path">The scenario file.</param>
    /// <param name="options">Maps folder, run folder, overrides.</param>
    /// <param name="truth">Where devices record what they do.</param>
    /// <returns>The scenario.</returns>
    /// <exception cref="ScenarioException">The file, or a map it needs, is invalid.</exception>
    public static Scenario LoadFile(string path, ScenarioLoadOptions options, IGroundTruth? truth = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException($"{path}: cannot be read: {ex.Message}", ex);
        }

        return Load(text, path, options, truth);
    }

    /// <summary>Loads and builds a scenario from JSON text.</summary>
    /// <param name="json">The JSON.</param>
    /// <param name="sourcePath">Its path (messages; relative map paths resolve beside it).</param>
    /// <param name="options">Maps folder, run folder, overrides.</param>
    /// <param name="truth">Where devices record what they do.</param>
    /// <returns>The scenario.</returns>
    /// <exception cref="ScenarioException">The scenario, or a map it needs, is invalid.</exception>
    public static Scenario Load(string json, string sourcePath, ScenarioLoadOptions options, IGroundTruth? truth = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(options);
        string file = Path.GetFileName(sourcePath);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, s_options);
        }
        catch (JsonException ex)
        {
            throw new ScenarioException(
                string.Create(CultureInfo.InvariantCulture, $"{file}: line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}: not valid JSON ({ex.Message})"), ex);
        }

        using (document)
        {
            var builder = new Builder(file, sourcePath, options, truth ?? NullGroundTruth.Instance);
            Scenario? scenario;
            try
            {
                scenario = builder.Build(document.RootElement);
            }
            catch (InvalidOperationException ex)
            {
                // Well-formed JSON whose string escapes are not valid UTF-16 ("\ud800"): the document parses but
                // reading the string throws. Found by fuzzing (tests/Hpms.IntegrationTests/Fuzz).
                throw new ScenarioException($"{file}: a string is not valid Unicode ({ex.Message})", ex);
            }

            if (builder.Errors.Count > 0 || scenario is null)
            {
                throw new ScenarioException(builder.Errors);
            }

            return scenario;
        }
    }

    /// <summary>A stable 32-bit FNV-1a hash (string.GetHashCode is randomised per process).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The hash.</returns>
    internal static int StableHash(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (int)hash;
    }

    private sealed class Builder(string file, string sourcePath, ScenarioLoadOptions options, IGroundTruth truth)
    {
        private readonly Dictionary<string, RegisterMap> _maps = new(StringComparer.Ordinal);
        private readonly Dictionary<string, EndpointSpec> _endpoints = new(StringComparer.Ordinal);
        private readonly Dictionary<string, bool[]> _unitsInUse = new(StringComparer.Ordinal);
        private readonly Dictionary<string, ScenarioDevice> _devices = new(StringComparer.Ordinal);
        private readonly List<ScenarioDevice> _deviceList = [];

        public List<string> Errors { get; } = [];

        public Scenario? Build(JsonElement root)
        {
            Dictionary<string, JsonElement>? fields = Object(root, file, s_rootFields);
            if (fields is null)
            {
                return null;
            }

            string name = Text(fields, "name", file, required: true) ?? "scenario";
            string site = Text(fields, "site", file, required: true) ?? "site";
            int seed = (int)(Number(fields, "seed", file, int.MinValue, int.MaxValue) ?? 1);
            TimeSettings time = ReadTime(fields);
            HospitalFlowProfile flow = ReadFlow(fields);

            foreach ((JsonElement element, string where) in Array(fields, "endpoints", file, required: true))
            {
                ReadEndpoints(element, where);
            }

            foreach ((JsonElement element, string where) in Array(fields, "devices", file, required: false))
            {
                ReadDevice(element, where, site, seed, flow);
            }

            foreach ((JsonElement element, string where) in Array(fields, "fleets", file, required: false))
            {
                ReadFleet(element, where, site, seed, flow);
            }

            if (_deviceList.Count == 0 && Errors.Count == 0)
            {
                Errors.Add($"{file}: the scenario has no devices (give 'devices' or 'fleets').");
            }

            List<ScenarioEvent> events = [];
            foreach ((JsonElement element, string where) in Array(fields, "events", file, required: false))
            {
                if (ReadEvent(element, where, time) is ScenarioEvent e)
                {
                    events.Add(e);
                }
            }

            return new Scenario
            {
                Name = name,
                SourceName = file,
                Site = site,
                Time = time,
                Endpoints = [.. _endpoints.Values],
                Devices = _deviceList,
                Events = [.. events.OrderBy(e => e.At)],
            };
        }

        private TimeSettings ReadTime(Dictionary<string, JsonElement> fields)
        {
            string where = $"{file}: time";
            if (!fields.TryGetValue("time", out JsonElement element))
            {
                Errors.Add($"{where}: missing (give at least \"start\", e.g. \"2026-11-23T06:00:00+08:00\").");
                return new TimeSettings(DateTimeOffset.UnixEpoch, 1, TimeSpan.FromMilliseconds(250));
            }

            Dictionary<string, JsonElement>? time = Object(element, where, s_timeFields);
            DateTimeOffset start = DateTimeOffset.UnixEpoch;
            if (time is not null && Text(time, "start", where, required: true) is string startText
                && !DateTimeOffset.TryParse(startText, CultureInfo.InvariantCulture, DateTimeStyles.None, out start))
            {
                Errors.Add($"{where}.start: '{startText}' is not a date and time with offset (e.g. 2026-11-23T06:00:00+08:00).");
            }

            double speed = options.Speed ?? (time is null ? 1 : Number(time, "speed", where, 0.001, 1_000_000) ?? 1);
            double tick = time is null ? 250 : Number(time, "tickMilliseconds", where, 10, 60_000) ?? 250;
            return new TimeSettings(start, speed, TimeSpan.FromMilliseconds(tick));
        }

        private HospitalFlowProfile ReadFlow(Dictionary<string, JsonElement> fields)
        {
            if (!fields.TryGetValue("flow", out JsonElement element))
            {
                return new HospitalFlowProfile();
            }

            string where = $"{file}: flow";
            Dictionary<string, JsonElement>? flow = Object(element, where, s_flowFields);
            return flow is null
                ? new HospitalFlowProfile()
                : new HospitalFlowProfile(
                    Number(flow, "outpatientShare", where, 0, 1) ?? 0.5,
                    Number(flow, "saturdayOutpatient", where, 0, 2) ?? 0.35,
                    Number(flow, "sundayOutpatient", where, 0, 2) ?? 0.1);
        }

        private void ReadEndpoints(JsonElement element, string where)
        {
            Dictionary<string, JsonElement>? fields = Object(element, where, s_endpointFields);
            if (fields is null)
            {
                return;
            }

            string? idFormat = Text(fields, "id", where, required: true);
            string? kindText = Text(fields, "kind", where, required: true);
            int count = (int)(Number(fields, "count", where, 1, 1000) ?? 1);
            bool isFleet = fields.ContainsKey("count");
            if (idFormat is null || kindText is null)
            {
                return;
            }

            if (!s_kinds.TryGetValue(kindText, out EndpointKind kind))
            {
                Errors.Add($"{where}.kind: '{kindText}' is not one of {string.Join(", ", s_kinds.Keys)}.");
                return;
            }

            int port = (int)(Number(fields, "port", where, 0, 65535) ?? 0);
            string? pty = Text(fields, "pty", where, required: false);
            string? serialPort = Text(fields, "serialPort", where, required: false);
            if (kind is EndpointKind.ModbusTcp or EndpointKind.RtuOverTcp or EndpointKind.Mqtt && !fields.ContainsKey("port"))
            {
                Errors.Add($"{where}.port: required for {kindText} (0 picks a free port).");
            }

            if (kind == EndpointKind.ModbusRtu && (pty is null) == (serialPort is null))
            {
                Errors.Add($"{where}: a modbus-rtu endpoint needs exactly one of \"pty\" (simulated line) or \"serialPort\" (real port).");
            }

            Parity parity = Enum<Parity>(fields, "parity", where) ?? Parity.None;
            if (pty is not null && parity != Parity.None)
            {
                Errors.Add($"{where}.parity: a pty cannot take parity; use None on simulated lines.");
            }

            int baud = (int)(Number(fields, "baudRate", where, 300, 921_600) ?? 19200);
            for (int i = 0; i < count; i++)
            {
                string id = isFleet ? Format(idFormat, i + 1, where) : idFormat;
                string itemWhere = isFleet ? $"{where} #{i + 1} ({id})" : $"{where} ({id})";
                var spec = new EndpointSpec
                {
                    Id = id,
                    Kind = kind,
                    Host = Text(fields, "host", where, required: false) ?? "127.0.0.1",
                    Port = options.EphemeralPorts && kind != EndpointKind.Mqtt ? 0 : (port == 0 ? 0 : port + i),
                    Pty = pty is null ? null : ResolvePty(isFleet ? Format(pty, i + 1, where) : pty),
                    SerialPort = serialPort,
                    BaudRate = baud,
                    Parity = parity,
                    StopBits = Enum<StopBits>(fields, "stopBits", where) ?? StopBits.One,
                    Paced = Flag(fields, "paced", where) ?? false,
                    Username = Text(fields, "username", where, required: false),
                    PasswordEnv = Text(fields, "passwordEnv", where, required: false),
                    Where = itemWhere,
                };
                if (!_endpoints.TryAdd(id, spec))
                {
                    Errors.Add($"{itemWhere}: endpoint id '{id}' is used twice.");
                }
                else
                {
                    _unitsInUse[id] = new bool[256];
                }
            }
        }

        private string ResolvePty(string pty) => Path.IsPathRooted(pty) ? pty : Path.Combine(options.RunDirectory, pty);

        private void ReadDevice(JsonElement element, string where, string site, int seed, HospitalFlowProfile flow)
        {
            Dictionary<string, JsonElement>? fields = Object(element, where, s_deviceFields);
            if (fields is null)
            {
                return;
            }

            string? id = Text(fields, "id", where, required: true);
            string? className = Text(fields, "class", where, required: true);
            string? endpoint = Text(fields, "endpoint", where, required: true);
            if (id is null || className is null || endpoint is null)
            {
                return;
            }

            int? unit = (int?)Number(fields, "unitId", where, 1, MaxUnitsPerEndpoint);
            AddDevice(
                $"{where} ({id})", id, className, site, Text(fields, "building", where, false) ?? string.Empty,
                Text(fields, "zone", where, false) ?? string.Empty, endpoint, unit,
                Text(fields, "map", where, false), fields.TryGetValue("settings", out JsonElement s) ? s : null, seed, flow);
        }

        private void ReadFleet(JsonElement element, string where, string site, int seed, HospitalFlowProfile flow)
        {
            Dictionary<string, JsonElement>? fields = Object(element, where, s_fleetFields);
            if (fields is null)
            {
                return;
            }

            string? className = Text(fields, "class", where, required: true);
            string? idFormat = Text(fields, "idFormat", where, required: true);
            int count = (int)(Number(fields, "count", where, 1, MaxDevices) ?? 0);
            List<string> zones = [.. Array(fields, "zones", where, required: false).Select(z => z.Element.ValueKind == JsonValueKind.String ? z.Element.GetString()! : string.Empty)];
            List<string> endpoints = [];
            foreach ((JsonElement e, string ewhere) in Array(fields, "endpoints", where, required: true))
            {
                string? pattern = e.ValueKind == JsonValueKind.String ? e.GetString() : null;
                if (pattern is null)
                {
                    Errors.Add($"{ewhere}: must be an endpoint id or a prefix ending in '*'.");
                    continue;
                }

                List<string> matched = pattern.EndsWith('*')
                    ? [.. _endpoints.Keys.Where(k => k.StartsWith(pattern[..^1], StringComparison.Ordinal))]
                    : [pattern];
                if (matched.Count == 0)
                {
                    Errors.Add($"{ewhere}: '{pattern}' matches no endpoint.");
                }

                endpoints.AddRange(matched);
            }

            if (className is null || idFormat is null || count == 0 || endpoints.Count == 0)
            {
                return;
            }

            JsonElement? settings = fields.TryGetValue("settings", out JsonElement s) ? s : null;
            string building = Text(fields, "building", where, false) ?? string.Empty;
            string? map = Text(fields, "map", where, false);
            for (int i = 0; i < count; i++)
            {
                string id = Format(idFormat, i + 1, where);
                string zone = zones.Count == 0 ? string.Empty : zones[i % zones.Count];
                int errorsBefore = Errors.Count;
                AddDevice($"{where} #{i + 1} ({id})", id, className, site, building, zone, endpoints[i % endpoints.Count], null, map, settings, seed, flow);
                if (Errors.Count > errorsBefore + 5)
                {
                    Errors.Add($"{where}: stopping after repeated errors in this fleet.");
                    return;
                }
            }
        }

        private void AddDevice(
            string where, string id, string className, string site, string building, string zone, string endpointId, int? unit,
            string? mapPath, JsonElement? settingsElement, int seed, HospitalFlowProfile flow)
        {
            if (_devices.ContainsKey(id))
            {
                Errors.Add($"{where}: device id '{id}' is used twice.");
                return;
            }

            if (_deviceList.Count >= MaxDevices)
            {
                Errors.Add($"{where}: more than {MaxDevices} devices.");
                return;
            }

            if (!DeviceCatalog.TryGet(className, out DeviceClassInfo? info))
            {
                Errors.Add($"{where}.class: unknown device class '{className}'; known: {string.Join(", ", DeviceCatalog.All.Select(c => c.Name).Order(StringComparer.Ordinal))}.");
                return;
            }

            if (!_endpoints.TryGetValue(endpointId, out EndpointSpec? endpoint))
            {
                Errors.Add($"{where}.endpoint: no endpoint '{endpointId}'.");
                return;
            }

            bool wantsMqtt = info.MapClass is null;
            if (wantsMqtt != (endpoint.Kind == EndpointKind.Mqtt))
            {
                Errors.Add($"{where}.endpoint: '{className}' {(wantsMqtt ? "speaks MQTT and needs an mqtt endpoint" : "is a Modbus device and cannot sit on an mqtt endpoint")}, but '{endpointId}' is {endpoint.Kind}.");
                return;
            }

            byte unitId = 0;
            if (!wantsMqtt && AssignUnit(where, endpointId, unit) is byte assigned)
            {
                unitId = assigned;
            }
            else if (!wantsMqtt)
            {
                return;
            }

            DeviceRegisters? registers = null;
            string? mapFile = null;
            if (info.MapFromScenario && mapPath is null)
            {
                Errors.Add($"{where}.map: a {className} serves the register map its entry names; give \"map\": \"path/to/vendor-map.json\".");
                return;
            }

            if (info.MapClass is string mapClass)
            {
                mapFile = mapPath is null
                    ? Path.Combine(options.MapsDirectory, mapClass + ".json")
                    : (Path.IsPathRooted(mapPath) ? mapPath : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(sourcePath)) ?? ".", mapPath));
                RegisterMap? map = Map(where, mapFile);
                if (map is null)
                {
                    return;
                }

                registers = new DeviceRegisters(map);
            }

            var identity = new DeviceIdentity(id, className, site, building, zone);
            var context = new DeviceContext(identity, new Random(seed ^ StableHash(id)), flow, truth);
            var settings = new DeviceSettings(settingsElement, $"{where}.settings", Errors);
            SimulatedDevice device;
            try
            {
                device = info.Create(context, registers, settings);
            }
            catch (KeyNotFoundException ex)
            {
                Errors.Add($"{where}.map: {ex.Message}");
                return;
            }

            settings.ReportUnknown();
            var entry = new ScenarioDevice(device, info, registers, endpointId, unitId, mapFile);
            _devices.Add(id, entry);
            _deviceList.Add(entry);
        }

        private byte? AssignUnit(string where, string endpointId, int? unit)
        {
            bool[] inUse = _unitsInUse[endpointId];
            if (unit is int requested)
            {
                if (inUse[requested])
                {
                    Errors.Add(string.Create(CultureInfo.InvariantCulture, $"{where}.unitId: unit {requested} is already used on endpoint '{endpointId}'."));
                    return null;
                }

                inUse[requested] = true;
                return (byte)requested;
            }

            for (int u = 1; u <= MaxUnitsPerEndpoint; u++)
            {
                if (!inUse[u])
                {
                    inUse[u] = true;
                    return (byte)u;
                }
            }

            Errors.Add($"{where}.endpoint: '{endpointId}' already serves {MaxUnitsPerEndpoint} units (the Modbus maximum); add endpoints.");
            return null;
        }

        private RegisterMap? Map(string where, string mapFile)
        {
            if (_maps.TryGetValue(mapFile, out RegisterMap? cached))
            {
                return cached;
            }

            try
            {
                RegisterMap map = RegisterMapLoader.LoadFile(mapFile);
                _maps[mapFile] = map;
                return map;
            }
            catch (RegisterMapException ex)
            {
                Errors.Add($"{where}.map: {mapFile} is invalid:");
                Errors.AddRange(ex.Errors.Select(e => "  " + e));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Errors.Add($"{where}.map: cannot read {mapFile}: {ex.Message}");
            }

            _maps[mapFile] = null!;
            return null;
        }

        private ScenarioEvent? ReadEvent(JsonElement element, string where, TimeSettings time)
        {
            Dictionary<string, JsonElement>? fields = Object(element, where, s_eventFields);
            if (fields is null)
            {
                return null;
            }

            string? kind = Text(fields, "kind", where, required: true);
            string? device = Text(fields, "device", where, required: false);
            string? endpoint = Text(fields, "endpoint", where, required: false);
            TimeSpan? at = When(fields, "at", where, time, required: true);
            TimeSpan? duration = When(fields, "for", where, time: null, required: false);
            if (kind is null || at is null)
            {
                return null;
            }

            where = $"{where} ({kind})";
            if ((device is null) == (endpoint is null))
            {
                Errors.Add($"{where}: give exactly one of \"device\" or \"endpoint\".");
                return null;
            }

            EventSpec? spec = SimulatorEvents.Specs.FirstOrDefault(s => s.Kind == kind);
            if (device is not null)
            {
                if (!_devices.TryGetValue(device, out ScenarioDevice? target))
                {
                    Errors.Add($"{where}.device: no device '{device}'.");
                    return null;
                }

                spec ??= target.Class.Events.FirstOrDefault(s => s.Kind == kind);
                if (spec is null)
                {
                    Errors.Add($"{where}.kind: a {target.Class.Name} does not accept '{kind}'; it accepts {string.Join(", ", target.Class.Events.Concat(SimulatorEvents.Specs).Select(s => s.Kind))}.");
                    return null;
                }

                if (target.Registers is null && SimulatorEvents.Specs.Contains(spec))
                {
                    Errors.Add($"{where}.kind: Modbus faults and vanishing do not apply to the MQTT device '{device}'.");
                    return null;
                }
            }
            else if (!_endpoints.TryGetValue(endpoint!, out EndpointSpec? endpointSpec))
            {
                Errors.Add($"{where}.endpoint: no endpoint '{endpoint}'.");
                return null;
            }
            else if (spec is null || endpointSpec.Kind == EndpointKind.Mqtt)
            {
                Errors.Add($"{where}.kind: an endpoint accepts only {SimulatorEvents.Fault} and {SimulatorEvents.Vanish} (and not on mqtt endpoints).");
                return null;
            }

            if (spec.Duration == DurationRule.Required && duration is null)
            {
                Errors.Add($"{where}.for: '{kind}' needs a duration (\"for\": \"hh:mm:ss\").");
            }
            else if (spec.Duration == DurationRule.None && duration is not null)
            {
                Errors.Add($"{where}.for: '{kind}' is a one-off and takes no duration.");
            }

            Dictionary<string, double> parameters = ReadParameters(fields, where, spec);
            if (spec.Kind == SimulatorEvents.Fault)
            {
                string? faultName = Text(fields, "fault", where, required: true);
                if (faultName is not null && SimulatorEvents.FaultNames.TryGetValue(faultName, out var faultKind))
                {
                    parameters["fault"] = (int)faultKind;
                }
                else if (faultName is not null)
                {
                    Errors.Add($"{where}.fault: '{faultName}' is not one of {string.Join(", ", SimulatorEvents.FaultNames.Keys)}.");
                }
            }
            else if (fields.ContainsKey("fault"))
            {
                Errors.Add($"{where}.fault: only '{SimulatorEvents.Fault}' events take a fault name.");
            }

            return new ScenarioEvent(kind, device ?? endpoint!, at.Value, duration, parameters, where);
        }

        private Dictionary<string, double> ReadParameters(Dictionary<string, JsonElement> fields, string where, EventSpec spec)
        {
            var values = spec.Parameters.ToDictionary(p => p.Name, p => p.Default, StringComparer.Ordinal);
            if (!fields.TryGetValue("parameters", out JsonElement element))
            {
                return values;
            }

            Dictionary<string, JsonElement>? given = Object(element, $"{where}.parameters", [.. spec.Parameters.Select(p => p.Name)]);
            foreach (ParameterSpec p in spec.Parameters)
            {
                if (given is not null && Number(given, p.Name, $"{where}.parameters", p.Min, p.Max) is double v)
                {
                    values[p.Name] = v;
                }
            }

            return values;
        }

        private TimeSpan? When(Dictionary<string, JsonElement> fields, string key, string where, TimeSettings? time, bool required)
        {
            string? text = Text(fields, key, where, required);
            if (text is null)
            {
                return null;
            }

            if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan offset) && offset >= TimeSpan.Zero)
            {
                return offset;
            }

            if (time is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset moment))
            {
                if (moment >= time.Start)
                {
                    return moment - time.Start;
                }

                Errors.Add($"{where}.{key}: {text} is before the scenario starts ({time.Start:O}).");
                return null;
            }

            Errors.Add($"{where}.{key}: '{text}' is not {(time is null ? "a duration \"hh:mm:ss\"" : "an offset \"hh:mm:ss\" from the start or a date and time")}.");
            return null;
        }

        private string Format(string format, int index, string where)
        {
            try
            {
                return string.Format(CultureInfo.InvariantCulture, format, index);
            }
            catch (FormatException)
            {
                Errors.Add($"{where}: '{format}' is not a valid id format (use {{0}} or {{0:00}} for the number).");
                return format + index.ToString(CultureInfo.InvariantCulture);
            }
        }

        private Dictionary<string, JsonElement>? Object(JsonElement element, string where, string[] known)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                Errors.Add($"{where}: must be an object.");
                return null;
            }

            var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (JsonProperty property in element.EnumerateObject())
            {
                if (!known.Contains(property.Name, StringComparer.Ordinal))
                {
                    Errors.Add($"{where}.{property.Name}: unknown field; expected one of {string.Join(", ", known)}.");
                }
                else if (!fields.TryAdd(property.Name, property.Value))
                {
                    Errors.Add($"{where}.{property.Name}: given twice.");
                }
            }

            return fields;
        }

        private IEnumerable<(JsonElement Element, string Where)> Array(Dictionary<string, JsonElement> fields, string key, string where, bool required)
        {
            if (!fields.TryGetValue(key, out JsonElement element))
            {
                if (required)
                {
                    Errors.Add($"{where}.{key}: missing.");
                }

                yield break;
            }

            if (element.ValueKind != JsonValueKind.Array)
            {
                Errors.Add($"{where}.{key}: must be an array.");
                yield break;
            }

            int i = 0;
            foreach (JsonElement item in element.EnumerateArray())
            {
                yield return (item, string.Create(CultureInfo.InvariantCulture, $"{where}.{key}[{i++}]"));
            }
        }

        private string? Text(Dictionary<string, JsonElement> fields, string key, string where, bool required)
        {
            if (!fields.TryGetValue(key, out JsonElement value))
            {
                if (required)
                {
                    Errors.Add($"{where}.{key}: missing.");
                }

                return null;
            }

            if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            {
                Errors.Add($"{where}.{key}: must be a non-empty string.");
                return null;
            }

            return value.GetString();
        }

        private double? Number(Dictionary<string, JsonElement> fields, string key, string where, double min, double max)
        {
            if (!fields.TryGetValue(key, out JsonElement value))
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double number) || !double.IsFinite(number))
            {
                Errors.Add($"{where}.{key}: must be a number.");
                return null;
            }

            if (number < min || number > max)
            {
                Errors.Add(string.Create(CultureInfo.InvariantCulture, $"{where}.{key}: {number} is outside {min}..{max}."));
                return null;
            }

            return number;
        }

        private bool? Flag(Dictionary<string, JsonElement> fields, string key, string where)
        {
            if (!fields.TryGetValue(key, out JsonElement value))
            {
                return null;
            }

            if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return value.GetBoolean();
            }

            Errors.Add($"{where}.{key}: must be true or false.");
            return null;
        }

        private TEnum? Enum<TEnum>(Dictionary<string, JsonElement> fields, string key, string where)
            where TEnum : struct, Enum
        {
            string? text = Text(fields, key, where, required: false);
            if (text is null)
            {
                return null;
            }

            if (System.Enum.TryParse(text, ignoreCase: true, out TEnum value) && System.Enum.IsDefined(value) && !char.IsDigit(text[0]))
            {
                return value;
            }

            Errors.Add($"{where}.{key}: '{text}' is not one of {string.Join(", ", System.Enum.GetNames<TEnum>())}.");
            return null;
        }
    }
}
