using System.Globalization;
using System.Text.Json;
using Hpms.Protocols.Modbus;
using Hpms.Protocols.Registers;

namespace Hpms.Protocols.RegisterMaps;

/// <summary>
/// Loads register-map JSON (format: <c>firmware-protocols/devices/register-map.schema.json</c>).
/// Every problem in a file is collected and reported together in one <see cref="RegisterMapException"/>;
/// bad input never raises any other exception type.
/// </summary>
public static class RegisterMapLoader
{
    /// <summary>File name of the JSON Schema that <see cref="LoadDirectory"/> skips.</summary>
    public const string SchemaFileName = "register-map.schema.json";

    private const int MaxRepeatCount = 2000;

    private static readonly JsonDocumentOptions s_documentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly string[] s_mapFields =
        ["$schema", "deviceClass", "vendor", "model", "description", "defaultUnitId", "defaultWordOrder", "maxGap", "points"];

    private static readonly string[] s_pointFields =
        ["name", "table", "address", "type", "scale", "offset", "unit", "wordOrder", "bit", "length", "access", "description", "min", "max", "repeat"];

    private static readonly string[] s_repeatFields = ["count", "stride", "nameFormat", "startIndex"];

    /// <summary>Parses and validates a map from JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="sourceName">Name used in error messages, usually the file name.</param>
    /// <returns>The validated map with repeats expanded.</returns>
    /// <exception cref="RegisterMapException">The JSON is malformed or the map is invalid.</exception>
    public static RegisterMap Load(string json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(sourceName);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, s_documentOptions);
        }
        catch (JsonException ex)
        {
            throw Malformed(sourceName, ex);
        }

        using (document)
        {
            return BuildReadable(document.RootElement, sourceName);
        }
    }

    /// <summary>Parses and validates a map from a UTF-8 JSON stream (the caller owns the stream).</summary>
    /// <param name="utf8Json">The JSON stream.</param>
    /// <param name="sourceName">Name used in error messages, usually the file name.</param>
    /// <returns>The validated map with repeats expanded.</returns>
    /// <exception cref="RegisterMapException">The JSON is malformed or the map is invalid.</exception>
    public static RegisterMap Load(Stream utf8Json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        ArgumentNullException.ThrowIfNull(sourceName);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, s_documentOptions);
        }
        catch (JsonException ex)
        {
            throw Malformed(sourceName, ex);
        }

        using (document)
        {
            return BuildReadable(document.RootElement, sourceName);
        }
    }

    /// <summary>Loads one map file; error messages name the file.</summary>
    /// <param name="path">Path to the JSON file.</param>
    /// <returns>The validated map.</returns>
    /// <exception cref="RegisterMapException">The file's content is invalid.</exception>
    /// <exception cref="IOException">The file cannot be read (not bad content, so not a map error).</exception>
    public static RegisterMap LoadFile(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Load(stream, Path.GetFileName(path));
    }

    /// <summary>
    /// Loads every <c>*.json</c> in a folder except the schema, in file-name order. Errors of all files
    /// (and duplicate device classes across files) are reported together.
    /// </summary>
    /// <param name="path">The folder, e.g. <c>firmware-protocols/devices</c>.</param>
    /// <returns>The maps.</returns>
    /// <exception cref="RegisterMapException">At least one file is invalid.</exception>
    public static IReadOnlyList<RegisterMap> LoadDirectory(string path)
    {
        string[] files = Directory.GetFiles(path, "*.json");
        Array.Sort(files, StringComparer.Ordinal);
        var maps = new List<RegisterMap>();
        var errors = new List<string>();
        var classes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string file in files)
        {
            if (Path.GetFileName(file).Equals(SchemaFileName, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            try
            {
                RegisterMap map = LoadFile(file);
                if (!classes.TryAdd(map.DeviceClass, map.SourceName))
                {
                    errors.Add($"{map.SourceName}: deviceClass \"{map.DeviceClass}\" is already used by {classes[map.DeviceClass]}");
                }

                maps.Add(map);
            }
            catch (RegisterMapException ex)
            {
                errors.AddRange(ex.Errors);
            }
        }

        return errors.Count == 0 ? maps : throw new RegisterMapException(errors);
    }

    private static RegisterMap BuildReadable(JsonElement root, string sourceName)
    {
        try
        {
            return Build(root, sourceName);
        }
        catch (InvalidOperationException ex)
        {
            // Well-formed JSON whose string escapes are not valid UTF-16 ("\ud800"): the document parses but
            // reading the string throws. Found by fuzzing (tests/Hpms.IntegrationTests/Fuzz).
            throw new RegisterMapException($"{sourceName}: a string is not valid Unicode ({ex.Message})", ex);
        }
    }

    private static RegisterMapException Malformed(string sourceName, JsonException ex)
    {
        // JsonException counts lines and bytes from 0; editors count from 1.
        string reason = ex.Message;
        int cut = reason.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        reason = cut > 0 ? reason[..cut] : reason;
        string where = ex.LineNumber is long line
            ? $"line {line + 1}, position {(ex.BytePositionInLine ?? 0) + 1}"
            : "unknown position";
        return new RegisterMapException([$"{sourceName}: malformed JSON at {where}: {reason}"], ex);
    }

    private static RegisterMap Build(JsonElement root, string source)
    {
        var errors = new List<string>();
        var reader = new FieldReader(errors);
        Dictionary<string, JsonElement>? fields = reader.ReadObject(root, source, s_mapFields);
        if (fields is null)
        {
            throw new RegisterMapException(errors);
        }

        string? deviceClass = reader.String(fields, "deviceClass", source, required: true);
        if (deviceClass is not null && !IsIdentifier(deviceClass))
        {
            errors.Add($"{source}: deviceClass \"{deviceClass}\" must be letters, digits, '.', '_' or '-'");
        }

        string vendor = reader.String(fields, "vendor", source, required: false) ?? string.Empty;
        string model = reader.String(fields, "model", source, required: false) ?? string.Empty;
        string description = reader.String(fields, "description", source, required: false) ?? string.Empty;
        long unitId = reader.Integer(fields, "defaultUnitId", source, 0, 255) ?? 1;
        WordOrder defaultOrder = reader.Enum<WordOrder>(fields, "defaultWordOrder", source) ?? WordOrder.ABCD;
        long? maxGap = reader.Integer(fields, "maxGap", source, 0, ModbusLimits.MaxReadRegisters);

        var points = new List<(int Index, RegisterPoint Point)>();
        if (!fields.TryGetValue("points", out JsonElement pointsElement))
        {
            errors.Add($"{source}: missing required field \"points\"");
        }
        else if (pointsElement.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{source}: \"points\" must be an array");
        }
        else
        {
            int index = 0;
            foreach (JsonElement element in pointsElement.EnumerateArray())
            {
                ReadPoint(element, index, source, defaultOrder, reader, points);
                index++;
            }

            if (index == 0)
            {
                errors.Add($"{source}: \"points\" is empty");
            }
        }

        CheckNamesAndOverlaps(points, source, errors);
        if (errors.Count > 0)
        {
            throw new RegisterMapException(errors);
        }

        return new RegisterMap
        {
            DeviceClass = deviceClass!,
            Vendor = vendor,
            Model = model,
            Description = description,
            DefaultUnitId = (byte)unitId,
            DefaultWordOrder = defaultOrder,
            MaxGap = (int?)maxGap,
            SourceName = source,
            Points = [.. points.Select(p => p.Point)],
        };
    }

    private static void ReadPoint(JsonElement element, int index, string source, WordOrder defaultOrder, FieldReader reader, List<(int, RegisterPoint)> output)
    {
        List<string> errors = reader.Errors;
        string where = $"{source}: points[{index}]";
        Dictionary<string, JsonElement>? fields = reader.ReadObject(element, where, s_pointFields);
        if (fields is null)
        {
            return;
        }

        int errorsBefore = errors.Count;
        string? name = reader.String(fields, "name", where, required: true);
        if (name is not null)
        {
            where = $"{where} \"{name}\"";
        }

        RegisterTable? table = reader.Enum<RegisterTable>(fields, "table", where, required: true);
        long? address = reader.Integer(fields, "address", where, 0, 65535, required: true);
        RegisterDataType? type = reader.Enum<RegisterDataType>(fields, "type", where, required: true);
        double? scale = reader.Number(fields, "scale", where);
        double? offset = reader.Number(fields, "offset", where);
        string unit = reader.String(fields, "unit", where, required: false) ?? string.Empty;
        WordOrder? wordOrder = reader.Enum<WordOrder>(fields, "wordOrder", where);
        long? bit = reader.Integer(fields, "bit", where, 0, 15);
        long? length = reader.Integer(fields, "length", where, 1, ModbusLimits.MaxReadRegisters);
        RegisterAccess access = reader.Enum<RegisterAccess>(fields, "access", where) ?? RegisterAccess.Read;
        string description = reader.String(fields, "description", where, required: false) ?? string.Empty;
        double? min = reader.Number(fields, "min", where);
        double? max = reader.Number(fields, "max", where);

        if (name is not null && !IsIdentifier(name))
        {
            errors.Add($"{where}: name must be letters, digits, '.', '_' or '-'");
        }

        if (scale == 0)
        {
            errors.Add($"{where}: scale must not be 0");
        }

        if (min is not null && max is not null && !(min < max))
        {
            errors.Add($"{where}: min {Num(min.Value)} must be less than max {Num(max.Value)}");
        }

        if (table is RegisterTable t && type is RegisterDataType dt)
        {
            if (dt == RegisterDataType.Bool && !t.IsBitTable())
            {
                errors.Add($"{where}: type Bool belongs in Coil or DiscreteInput, not {t}");
            }
            else if (dt != RegisterDataType.Bool && t.IsBitTable())
            {
                errors.Add($"{where}: type {dt} needs a register table, not {t}");
            }

            if (access != RegisterAccess.Read && !t.IsWritable())
            {
                errors.Add($"{where}: access {access} is only possible on Coil or HoldingRegister, not {t}");
            }
        }

        if (type is RegisterDataType kind)
        {
            if (kind == RegisterDataType.Bit && bit is null)
            {
                errors.Add($"{where}: type Bit needs \"bit\" (0..15)");
            }
            else if (kind != RegisterDataType.Bit && fields.ContainsKey("bit"))
            {
                errors.Add($"{where}: \"bit\" applies only to type Bit");
            }

            if (kind == RegisterDataType.String && length is null)
            {
                errors.Add($"{where}: type String needs \"length\" (1..125 registers)");
            }
            else if (kind != RegisterDataType.String && fields.ContainsKey("length"))
            {
                errors.Add($"{where}: \"length\" applies only to type String");
            }

            bool numeric = kind is not (RegisterDataType.Bool or RegisterDataType.Bit or RegisterDataType.String);
            if (!numeric && (fields.ContainsKey("scale") || fields.ContainsKey("offset")))
            {
                errors.Add($"{where}: scale and offset apply only to numeric types, not {kind}");
            }

            if (!kind.UsesWordOrder() && wordOrder is not null)
            {
                errors.Add($"{where}: wordOrder does not apply to type {kind}");
            }
        }

        (int Count, int Stride, string Format, int Start)? repeat = null;
        if (fields.TryGetValue("repeat", out JsonElement repeatElement))
        {
            repeat = ReadRepeat(repeatElement, where, reader);
        }

        if (errors.Count > errorsBefore || name is null || table is null || address is null || type is null)
        {
            return;
        }

        var format = new RegisterFormat(
            type.Value,
            wordOrder ?? defaultOrder,
            (int)(bit ?? 0),
            (int)(length ?? 1),
            scale ?? 1.0,
            offset ?? 0.0);
        var template = new RegisterPoint
        {
            Name = name,
            Table = table.Value,
            Address = 0,
            Format = format,
            Access = access,
            Unit = unit,
            Description = description,
            Min = min,
            Max = max,
        };

        if (repeat is null)
        {
            AddPoint(template, address.Value, index, where, errors, output);
            return;
        }

        (int count, int stride, string nameFormat, int start) = repeat.Value;
        for (int i = 0; i < count; i++)
        {
            string expanded;
            try
            {
                expanded = string.Format(CultureInfo.InvariantCulture, nameFormat, start + i);
            }
            catch (FormatException)
            {
                errors.Add($"{where}: repeat.nameFormat \"{nameFormat}\" is not a valid format with one argument {{0}}");
                return;
            }

            RegisterPoint point = template with { Name = expanded, Template = nameFormat, RepeatIndex = start + i };
            if (!AddPoint(point, address.Value + ((long)i * stride), index, $"{source}: points[{index}] \"{expanded}\"", errors, output))
            {
                return;
            }
        }
    }

    private static bool AddPoint(RegisterPoint point, long address, int index, string where, List<string> errors, List<(int, RegisterPoint)> output)
    {
        int count = point.RegisterCount;
        if (address + count > ModbusLimits.AddressSpace)
        {
            string unit = point.Table.IsBitTable() ? "bits" : count == 1 ? "register" : "registers";
            errors.Add($"{where}: address {address} + {count} {unit} runs past 65535");
            return false;
        }

        output.Add((index, point with { Address = (ushort)address }));
        return true;
    }

    private static (int, int, string, int)? ReadRepeat(JsonElement element, string where, FieldReader reader)
    {
        string at = $"{where}: repeat";
        Dictionary<string, JsonElement>? fields = reader.ReadObject(element, at, s_repeatFields);
        if (fields is null)
        {
            return null;
        }

        long? count = reader.Integer(fields, "count", at, 1, MaxRepeatCount, required: true);
        long? stride = reader.Integer(fields, "stride", at, 1, 65535, required: true);
        string? nameFormat = reader.String(fields, "nameFormat", at, required: true);
        long start = reader.Integer(fields, "startIndex", at, 0, 65535) ?? 1;
        if (nameFormat is not null && !nameFormat.Contains("{0", StringComparison.Ordinal))
        {
            reader.Errors.Add($"{at}: nameFormat \"{nameFormat}\" must contain {{0}} so expanded names differ");
            return null;
        }

        return count is null || stride is null || nameFormat is null
            ? null
            : ((int)count, (int)stride, nameFormat, (int)start);
    }

    private static void CheckNamesAndOverlaps(List<(int Index, RegisterPoint Point)> points, string source, List<string> errors)
    {
        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach ((int index, RegisterPoint point) in points)
        {
            if (!names.TryAdd(point.Name, index))
            {
                errors.Add($"{source}: points[{index}] \"{point.Name}\": duplicate name (first used by points[{names[point.Name]}])");
            }
        }

        foreach (IGrouping<RegisterTable, (int Index, RegisterPoint Point)> group in points.GroupBy(p => p.Point.Table))
        {
            (int Index, RegisterPoint Point)[] sorted = [.. group.OrderBy(p => p.Point.Address).ThenBy(p => p.Index)];
            (int Index, RegisterPoint Point)? widest = null;
            var bitOwners = new Dictionary<(int Address, int Bit), string>();
            foreach ((int index, RegisterPoint point) in sorted)
            {
                string where = $"{source}: points[{index}] \"{point.Name}\"";
                if (point.Type == RegisterDataType.Bit
                    && !bitOwners.TryAdd((point.Address, point.Format.Bit), point.Name))
                {
                    errors.Add($"{where}: bit {point.Format.Bit} of {group.Key} {point.Address} is already used by \"{bitOwners[(point.Address, point.Format.Bit)]}\"");
                }

                if (widest is { } w && point.Address < w.Point.EndAddress)
                {
                    bool sharedBitRegister = point.Type == RegisterDataType.Bit && w.Point.Type == RegisterDataType.Bit
                        && point.Address == w.Point.Address;
                    if (!sharedBitRegister)
                    {
                        errors.Add($"{where}: {group.Key} {point.Address}..{point.EndAddress - 1} overlaps \"{w.Point.Name}\" at {w.Point.Address}..{w.Point.EndAddress - 1}");
                    }
                }

                if (widest is null || point.EndAddress > widest.Value.Point.EndAddress)
                {
                    widest = (index, point);
                }
            }
        }
    }

    private static bool IsIdentifier(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static string Num(double value) => value.ToString(CultureInfo.InvariantCulture);

    // Typed, error-collecting access to JSON object fields; field names match case-insensitively.
    private sealed class FieldReader(List<string> errors)
    {
        public List<string> Errors { get; } = errors;

        public Dictionary<string, JsonElement>? ReadObject(JsonElement element, string where, string[] known)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                Errors.Add($"{where}: expected an object, found {Describe(element)}");
                return null;
            }

            var fields = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
            foreach (JsonProperty property in element.EnumerateObject())
            {
                if (!known.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
                {
                    Errors.Add($"{where}: unknown field \"{property.Name}\"");
                }
                else if (!fields.TryAdd(property.Name, property.Value))
                {
                    Errors.Add($"{where}: duplicate field \"{property.Name}\"");
                }
            }

            return fields;
        }

        public string? String(Dictionary<string, JsonElement> fields, string key, string where, bool required)
        {
            if (!fields.TryGetValue(key, out JsonElement value))
            {
                if (required)
                {
                    Errors.Add($"{where}: missing required field \"{key}\"");
                }

                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                Errors.Add($"{where}: \"{key}\" must be a string, found {Describe(value)}");
                return null;
            }

            string text = value.GetString() ?? string.Empty;
            if (required && text.Length == 0)
            {
                Errors.Add($"{where}: \"{key}\" must not be empty");
                return null;
            }

            return text;
        }

        public long? Integer(Dictionary<string, JsonElement> fields, string key, string where, long min, long max, bool required = false)
        {
            if (!fields.TryGetValue(key, out JsonElement value))
            {
                if (required)
                {
                    Errors.Add($"{where}: missing required field \"{key}\"");
                }

                return null;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long number))
            {
                Errors.Add($"{where}: \"{key}\" must be an integer, found {Describe(value)}");
                return null;
            }

            if (number < min || number > max)
            {
                Errors.Add($"{where}: {key} {number} is outside {min}..{max}");
                return null;
            }

            return number;
        }

        public double? Number(Dictionary<string, JsonElement> fields, string key, string where)
        {
            if (!fields.TryGetValue(key, out JsonElement value))
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double number) || !double.IsFinite(number))
            {
                Errors.Add($"{where}: \"{key}\" must be a finite number, found {Describe(value)}");
                return null;
            }

            return number;
        }

        public TEnum? Enum<TEnum>(Dictionary<string, JsonElement> fields, string key, string where, bool required = false)
            where TEnum : struct, Enum
        {
            if (!fields.TryGetValue(key, out JsonElement value))
            {
                if (required)
                {
                    Errors.Add($"{where}: missing required field \"{key}\"");
                }

                return null;
            }

            // Match names only: Enum.TryParse would also accept "3" or "Coil, DiscreteInput".
            string? text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            foreach (TEnum candidate in System.Enum.GetValues<TEnum>())
            {
                if (string.Equals(candidate.ToString(), text, StringComparison.OrdinalIgnoreCase))
                {
                    return candidate;
                }
            }

            Errors.Add($"{where}: {key} {Describe(value)} is not one of {string.Join(", ", System.Enum.GetNames<TEnum>())}");
            return null;
        }

        private static string Describe(JsonElement value)
        {
            string raw = value.GetRawText();
            return raw.Length <= 40 ? raw : string.Concat(raw.AsSpan(0, 37), "...");
        }
    }
}
