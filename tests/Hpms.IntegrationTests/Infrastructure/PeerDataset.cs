using System.Text.Json;
using Hpms.Protocols.Registers;

namespace Hpms.IntegrationTests.Infrastructure;

/// <summary>
/// tests/scripts/peer-dataset.json: what pymodbus_server.py serves, generated with Python's struct,
/// so it is ground truth independent of our codecs.
/// </summary>
public sealed class PeerDataset
{
    private static readonly Lazy<PeerDataset> s_default = new(() => Load(Path.Combine(PeerTools.ScriptsDirectory, "peer-dataset.json")));

    private PeerDataset(
        byte defaultUnitId,
        IReadOnlyDictionary<string, int> tableCounts,
        (int First, int Last) holdingScratch,
        (int First, int Last) coilScratch,
        IReadOnlyList<PeerDatasetEntry> entries,
        IReadOnlyList<ushort> holdingImage,
        IReadOnlyDictionary<string, string> formulas)
    {
        DefaultUnitId = defaultUnitId;
        TableCounts = tableCounts;
        HoldingScratch = holdingScratch;
        CoilScratch = coilScratch;
        Entries = entries;
        HoldingImage = holdingImage;
        Formulas = formulas;
    }

    public static PeerDataset Default => s_default.Value;

    public byte DefaultUnitId { get; }

    /// <summary>Gets the size of each table: holding, input, coils, discrete.</summary>
    public IReadOnlyDictionary<string, int> TableCounts { get; }

    public (int First, int Last) HoldingScratch { get; }

    public (int First, int Last) CoilScratch { get; }

    public IReadOnlyList<PeerDatasetEntry> Entries { get; }

    /// <summary>Gets all holding registers as served at start.</summary>
    public IReadOnlyList<ushort> HoldingImage { get; }

    /// <summary>Gets the fill formula of each generated table, as written in the JSON.</summary>
    public IReadOnlyDictionary<string, string> Formulas { get; }

    public int HoldingCount => TableCounts["holding"];

    public int InputCount => TableCounts["input"];

    public int CoilCount => TableCounts["coils"];

    public int DiscreteCount => TableCounts["discrete"];

    public PeerDatasetEntry Entry(string name) => Entries.Single(e => e.Name == name);

    /// <summary>Input register i: the JSON's formula "(i * 3) % 65536" (checked in <see cref="Load"/>).</summary>
    public static ushort InputRegister(int i) => (ushort)(i * 3 % 65536);

    /// <summary>Coil i: the JSON's formula "i % 3 == 0".</summary>
    public static bool Coil(int i) => i % 3 == 0;

    /// <summary>Discrete input i: the JSON's formula "i % 5 == 0".</summary>
    public static bool Discrete(int i) => i % 5 == 0;

    public static PeerDataset Load(string path)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement root = doc.RootElement;
        JsonElement tables = root.GetProperty("tables");
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var formulas = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonProperty table in tables.EnumerateObject())
        {
            counts[table.Name] = table.Value.GetProperty("count").GetInt32();
            if (table.Value.TryGetProperty("formula", out JsonElement formula))
            {
                formulas[table.Name] = formula.GetString()!;
            }
        }

        // The pattern helpers above hard-code these formulas; fail loudly if the generator changes them.
        CheckFormula(formulas, "input", "(i * 3) % 65536");
        CheckFormula(formulas, "coils", "i % 3 == 0");
        CheckFormula(formulas, "discrete", "i % 5 == 0");

        JsonElement scratch = root.GetProperty("scratch");
        List<PeerDatasetEntry> entries = [];
        foreach (JsonElement e in root.GetProperty("entries").EnumerateArray())
        {
            entries.Add(new PeerDatasetEntry(
                e.GetProperty("name").GetString()!,
                e.GetProperty("table").GetString()!,
                e.GetProperty("address").GetInt32(),
                e.GetProperty("type").GetString()!,
                Enum.Parse<WordOrder>(e.GetProperty("wordOrder").GetString()!),
                e.GetProperty("value").Clone(),
                e.GetProperty("hex").GetString()!,
                [.. e.GetProperty("registers").EnumerateArray().Select(r => r.GetUInt16())]));
        }

        return new PeerDataset(
            (byte)root.GetProperty("defaultUnitId").GetInt32(),
            counts,
            Range(scratch.GetProperty("holding")),
            Range(scratch.GetProperty("coils")),
            entries,
            [.. root.GetProperty("holdingImage").EnumerateArray().Select(r => r.GetUInt16())],
            formulas);
    }

    private static (int First, int Last) Range(JsonElement pair) => (pair[0].GetInt32(), pair[1].GetInt32());

    private static void CheckFormula(Dictionary<string, string> formulas, string table, string expected)
    {
        if (!formulas.TryGetValue(table, out string? actual) || actual != expected)
        {
            throw new InvalidDataException($"peer-dataset.json: {table} formula is '{actual}', the tests expect '{expected}'.");
        }
    }
}
