using System.Globalization;
using System.Text.Json;

namespace Hpms.Simulators.Devices.SupplyCabinet;

/// <summary>
/// A cabinet's configuration: its bins and timings. Read from the scenario's <c>settings</c>; bins
/// not given are generated from the device's seeded random stream so that, on an ordinary weekday,
/// most of them fall to their reorder point.
/// </summary>
/// <param name="Bins">Bin stocks, one per used bin (at most <see cref="MaxBins"/>).</param>
/// <param name="UnlockTime">How long a remote unlock releases the lock.</param>
/// <param name="RestockAfter">Delay from crossing the reorder point to an automatic refill; zero = never.</param>
public sealed record CabinetSettings(IReadOnlyList<CabinetBinStock> Bins, TimeSpan UnlockTime, TimeSpan RestockAfter)
{
    /// <summary>Bins in the register map (SSC-24).</summary>
    public const int MaxBins = 24;

    private static readonly string[] s_defaultItems =
    [
        "Nitrile gloves M", "Gauze swab 10x10", "IV cannula 20G", "Syringe 10 ml", "Saline flush 10 ml",
        "Alcohol wipe", "Adhesive dressing", "Blood tube EDTA", "Suction catheter", "Face mask",
        "Urinary catheter", "ECG electrodes", "Tegaderm film", "Needle 21G", "Syringe 5 ml",
        "Gloves sterile 7.5", "Bandage 8 cm", "Oxygen mask", "IV giving set", "Specimen pot",
        "Suture kit", "Apron", "Tape 2.5 cm", "Blood tube citrate",
    ];

    /// <summary>Reads the settings, generating what is absent.</summary>
    /// <param name="settings">The device's settings; problems are collected there.</param>
    /// <param name="random">The device's seeded stream.</param>
    /// <returns>The configuration.</returns>
    public static CabinetSettings Read(DeviceSettings settings, Random random)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(random);
        TimeSpan unlock = TimeSpan.FromSeconds(settings.Number("unlockSeconds", 5, 1, 3600));
        TimeSpan restock = TimeSpan.FromHours(settings.Number("restockAfterHours", 0, 0, 24 * 365));
        int binCount = settings.WholeNumber("binCount", MaxBins, 1, MaxBins);
        JsonElement? bins = settings.Element("bins");
        List<CabinetBinStock> stocks = bins is { } given ? ReadBins(given, settings, random) : [];
        if (bins is null)
        {
            for (int i = 0; i < binCount; i++)
            {
                stocks.Add(Generate(i, random));
            }
        }

        return new CabinetSettings(stocks, unlock, restock);
    }

    /// <summary>A plausible bin: on hand above the reorder point by about one weekday's use.</summary>
    /// <param name="index">Bin index (0-based).</param>
    /// <param name="random">Seeded stream.</param>
    /// <returns>The stock.</returns>
    public static CabinetBinStock Generate(int index, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        int par = 20 + (random.Next(0, 17) * 5); // 20..100
        int reorder = (int)Math.Round(par * (0.25 + (0.1 * random.NextDouble())));
        double dailyUse = Math.Max(4, par * (0.25 + (0.2 * random.NextDouble())));
        int onHand = Math.Min(par, reorder + (int)Math.Round(dailyUse * (0.4 + (0.5 * random.NextDouble()))));
        uint itemCode = (uint)(100_000 + (index * 1000) + random.Next(0, 1000));
        string lot = string.Create(CultureInfo.InvariantCulture, $"L{random.Next(0, 10_000_000):0000000}");
        var expiry = new DateOnly(2026, 1, 1).AddDays(random.Next(90, 1000));
        int yyyymmdd = (expiry.Year * 10_000) + (expiry.Month * 100) + expiry.Day;
        return new CabinetBinStock(itemCode, s_defaultItems[index % s_defaultItems.Length], par, reorder, onHand, lot, yyyymmdd, 1, dailyUse);
    }

    private static List<CabinetBinStock> ReadBins(JsonElement bins, DeviceSettings settings, Random random)
    {
        List<CabinetBinStock> stocks = [];
        if (bins.ValueKind != JsonValueKind.Array || bins.GetArrayLength() > MaxBins)
        {
            settings.Error("bins", string.Create(CultureInfo.InvariantCulture, $"must be an array of at most {MaxBins} bin objects."));
            return stocks;
        }

        int index = 0;
        foreach (JsonElement bin in bins.EnumerateArray())
        {
            CabinetBinStock fallback = Generate(index, random);
            string where = string.Create(CultureInfo.InvariantCulture, $"bins[{index}]");
            var reader = new BinReader(bin, where, settings);
            if (bin.ValueKind != JsonValueKind.Object)
            {
                settings.Error(where, "must be an object.");
                stocks.Add(fallback);
                index++;
                continue;
            }

            uint itemCode = (uint)reader.Whole("itemCode", -1, 1, uint.MaxValue);
            int par = (int)reader.Whole("par", fallback.Par, 0, 9999);
            int reorder = (int)reader.Whole("reorderPoint", Math.Min(fallback.ReorderPoint, par), 0, 9999);
            int onHand = (int)reader.Whole("onHand", par, 0, 65535);
            string lot = reader.Text("lot", fallback.Lot);
            int expiry = (int)reader.Whole("expiry", fallback.Expiry, 19000101, 99991231);
            int pack = (int)reader.Whole("pack", 1, 1, 1000);
            double dailyUse = reader.Number("dailyUse", fallback.DailyUse, 0, 100_000);
            string name = reader.Text("name", string.Create(CultureInfo.InvariantCulture, $"item {itemCode}"));
            reader.ReportUnknown();
            if (lot.Length > 8 || !System.Text.Ascii.IsValid(lot))
            {
                settings.Error(where + ".lot", "must be at most 8 ASCII characters.");
                lot = fallback.Lot;
            }

            if (!IsDate(expiry))
            {
                settings.Error(where + ".expiry", "must be a date written yyyymmdd.");
                expiry = fallback.Expiry;
            }

            stocks.Add(new CabinetBinStock(itemCode, name, par, reorder, onHand, lot, expiry, pack, dailyUse));
            index++;
        }

        return stocks;
    }

    private static bool IsDate(int yyyymmdd) =>
        DateOnly.TryParseExact(yyyymmdd.ToString(CultureInfo.InvariantCulture), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    /// <summary>Reads the keys of one bin object, reporting problems through the device settings.</summary>
    private readonly struct BinReader(JsonElement bin, string where, DeviceSettings settings)
    {
        private static readonly string[] s_known = ["itemCode", "name", "par", "reorderPoint", "onHand", "lot", "expiry", "pack", "dailyUse"];

        public double Number(string key, double fallback, double min, double max)
        {
            if (bin.ValueKind != JsonValueKind.Object || !bin.TryGetProperty(key, out JsonElement value))
            {
                return fallback;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double number) || number < min || number > max)
            {
                settings.Error(where + "." + key, string.Create(CultureInfo.InvariantCulture, $"must be a number in {min}..{max}."));
                return fallback;
            }

            return number;
        }

        public long Whole(string key, long fallback, long min, long max)
        {
            bool present = bin.ValueKind == JsonValueKind.Object && bin.TryGetProperty(key, out _);
            if (!present && fallback < min)
            {
                settings.Error(where + "." + key, "is required.");
                return min;
            }

            double number = Number(key, fallback, min, max);
            if (number != Math.Floor(number))
            {
                settings.Error(where + "." + key, "must be a whole number.");
                return Math.Max(fallback, min);
            }

            return (long)number;
        }

        public string Text(string key, string fallback)
        {
            if (bin.ValueKind != JsonValueKind.Object || !bin.TryGetProperty(key, out JsonElement value))
            {
                return fallback;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                settings.Error(where + "." + key, "must be a string.");
                return fallback;
            }

            return value.GetString()!;
        }

        public void ReportUnknown()
        {
            foreach (JsonProperty property in bin.EnumerateObject())
            {
                if (Array.IndexOf(s_known, property.Name) < 0)
                {
                    settings.Error(where + "." + property.Name, "unknown bin setting.");
                }
            }
        }
    }
}
