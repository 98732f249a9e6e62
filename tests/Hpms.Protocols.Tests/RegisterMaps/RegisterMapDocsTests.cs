using System.Globalization;
using System.Text.RegularExpressions;
using Hpms.Protocols.RegisterMaps;
using Hpms.Protocols.Registers;

namespace Hpms.Protocols.Tests.RegisterMaps;

/// <summary>Each device map's Markdown page must describe exactly the points of its JSON.</summary>
public sealed partial class RegisterMapDocsTests
{
    public static TheoryData<string> DeviceClasses => new()
    {
        "smart-supply-cabinet", "cold-chain-fridge", "occupancy-counter", "medical-gas-panel", "air-handling-unit",
    };

    [Theory]
    [MemberData(nameof(DeviceClasses))]
    public void MarkdownTable_MatchesJson(string deviceClass)
    {
        string folder = FindDevicesFolder();
        RegisterMap map = RegisterMapLoader.LoadFile(Path.Combine(folder, deviceClass + ".json"));
        string[] lines = File.ReadAllLines(Path.Combine(folder, deviceClass + ".md"));
        List<string[]> rows = [.. lines
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => l.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray())];

        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (string[] row in rows)
        {
            Assert.Equal(9, row.Length);
            string name = row[0].Trim('`');
            List<RegisterPoint> points = name.Contains("{0", StringComparison.Ordinal)
                ? [.. map.Points.Where(p => p.Template == name)]
                : [.. map.Points.Where(p => p.Name == name)];
            Assert.True(points.Count > 0, $"{deviceClass}.md: row \"{name}\" has no point in the JSON");

            CheckAddress(row[2], points, name);
            foreach (RegisterPoint point in points)
            {
                string context = $"{deviceClass}.md row \"{name}\" vs point \"{point.Name}\"";
                Assert.True(row[1] == point.Table.ToString(), $"{context}: table {row[1]} != {point.Table}");
                Assert.True(row[3] == TypeCell(point), $"{context}: type {row[3]} != {TypeCell(point)}");
                Assert.True(row[4] == WordOrderCell(point), $"{context}: word order {row[4]} != {WordOrderCell(point)}");
                Assert.True(row[5] == ScaleCell(point), $"{context}: scale {row[5]} != {ScaleCell(point)}");
                Assert.True(row[6] == (point.Unit.Length == 0 ? "—" : point.Unit), $"{context}: unit {row[6]} != {point.Unit}");
                Assert.True(row[7] == point.Access.ToString(), $"{context}: access {row[7]} != {point.Access}");
                Assert.True(row[8] == point.Description, $"{context}: meaning differs from description");
                Assert.True(covered.Add(point.Name), $"{context}: documented twice");
            }
        }

        Assert.Equal(map.Points.Select(p => p.Name).Order(StringComparer.Ordinal), covered.Order(StringComparer.Ordinal));
    }

    private static void CheckAddress(string cell, List<RegisterPoint> points, string name)
    {
        Match repeat = RepeatAddress().Match(cell);
        if (repeat.Success)
        {
            int first = int.Parse(repeat.Groups[1].Value, CultureInfo.InvariantCulture);
            int stride = int.Parse(repeat.Groups[2].Value, CultureInfo.InvariantCulture);
            int count = int.Parse(repeat.Groups[3].Value, CultureInfo.InvariantCulture);
            Assert.Equal(count, points.Count);
            Assert.Equal(Enumerable.Range(0, count).Select(i => first + (i * stride)), points.Select(p => (int)p.Address));
        }
        else
        {
            RegisterPoint point = Assert.Single(points);
            Assert.True(cell == point.Address.ToString(CultureInfo.InvariantCulture), $"row \"{name}\": address {cell} != {point.Address}");
        }
    }

    private static string TypeCell(RegisterPoint p) => p.Type switch
    {
        RegisterDataType.Bit => $"Bit {p.Format.Bit}",
        RegisterDataType.String => $"String({p.Format.Length})",
        _ => p.Type.ToString(),
    };

    private static string WordOrderCell(RegisterPoint p) => p.Type.UsesWordOrder() ? p.Format.WordOrder.ToString() : "—";

    private static string ScaleCell(RegisterPoint p)
    {
        if (p.Type is RegisterDataType.Bool or RegisterDataType.Bit or RegisterDataType.String)
        {
            return "—";
        }

        string scale = p.Format.Scale.ToString(CultureInfo.InvariantCulture);
        return p.Format.Offset == 0 ? scale : $"{scale}, offset {p.Format.Offset.ToString(CultureInfo.InvariantCulture)}";
    }

    private static string FindDevicesFolder()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "firmware-protocols", "devices");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("firmware-protocols/devices not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^(\d+) \+ (\d+)×\(n−1\), n = 1\.\.(\d+)$")]
    private static partial Regex RepeatAddress();
}
