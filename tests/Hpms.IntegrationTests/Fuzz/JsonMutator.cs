using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;

namespace Hpms.IntegrationTests.Fuzz;

/// <summary>
/// Grammar-aware mutations of valid JSON: swap a value for one of another type or an edge value (NaN,
/// Infinity, 1e308, huge integers, lone surrogates, long strings), turn containers into scalars, repeat or
/// rename a property, nest the document thousands deep, and byte-level damage (truncate, flip, insert,
/// delete, splice). One to four mutations per input, chosen by a seed FsCheck generates.
/// </summary>
public static class JsonMutator
{
    private static readonly string[] s_values =
    [
        "NaN", "Infinity", "-Infinity", "1e308", "-1e308", "1e309", "4.9e-324", "0", "-0", "-1", "1.5", "0.0000001",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "18446744073709551616", "4102444800001",
        "946684799999", "01", "1e", "0x10", "\"\"", "\"x\"", "\"\\u0000\"", "\"\\ud800\"", "\"\\\"", "\"é€😀\"",
        "\"" + new string('a', 5000) + "\"", "null", "true", "false", "[]", "{}", "[1,2,3]", "{\"x\":1}", "undefined",
        "\"2026-11-23T00:00:00Z\"", "[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]", "\"hpms/v1/+/#\"",
    ];

    private static readonly byte[] s_bytes = "\"{}[],:\\-+.e0 9"u8.ToArray().Concat(new byte[] { 0x00, 0x7F, 0xC3, 0xFF, 0xED, 0xA0, 0x80, 0x0A }).ToArray();

    /// <summary>Mutations of the given valid documents.</summary>
    /// <param name="seeds">Name and bytes of each valid document.</param>
    /// <returns>The generator.</returns>
    public static Gen<FuzzInput> Of(IReadOnlyList<(string Name, byte[] Bytes)> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        return from which in Gen.Choose(0, seeds.Count - 1)
               from seed in Gen.Choose(0, int.MaxValue - 1)
               from count in Gen.Choose(1, 4)
               select Mutate(seeds[which].Name, seeds[which].Bytes, seed, count);
    }

    /// <summary>Applies <paramref name="count"/> mutations chosen by <paramref name="seed"/>.</summary>
    /// <param name="origin">The seed document's name.</param>
    /// <param name="valid">The seed document.</param>
    /// <param name="seed">The random seed.</param>
    /// <param name="count">How many mutations.</param>
    /// <returns>The input.</returns>
    public static FuzzInput Mutate(string origin, byte[] valid, int seed, int count)
    {
        ArgumentNullException.ThrowIfNull(valid);
        var random = new Random(seed);
        byte[] bytes = valid;
        var applied = new List<string>();
        for (int i = 0; i < count; i++)
        {
            (bytes, string name) = MutateOnce(bytes, random);
            applied.Add(name);
        }

        return new FuzzInput(origin, string.Join(',', applied), bytes);
    }

    private static (byte[] Bytes, string Name) MutateOnce(byte[] bytes, Random random)
    {
        List<JsonSpan> spans = Spans(bytes);
        int kind = random.Next(spans.Count > 0 ? 12 : ByteMutator.Kinds);
        switch (kind)
        {
            case < ByteMutator.Kinds:
                return ByteMutator.Damage(bytes, random, kind, s_bytes);
            case 6 or 7:
                JsonSpan value = spans[random.Next(spans.Count)];
                return (Replace(bytes, value, Encoding.UTF8.GetBytes(s_values[random.Next(s_values.Length)])), "swap-value");
            case 8:
                JsonSpan container = spans.FirstOrDefault(s => s.IsContainer && random.Next(3) == 0, spans[random.Next(spans.Count)]);
                return (Replace(bytes, container, random.Next(2) == 0 ? "null"u8.ToArray() : "7"u8.ToArray()), "container-to-scalar");
            case 9:
                JsonSpan? property = Pick(spans, s => s.HasName, random);
                if (property is { } p)
                {
                    // Repeat "name": value right after itself.
                    byte[] member = bytes[p.PropertyStart..p.End];
                    return ([.. bytes[..p.End], .. ","u8, .. member, .. bytes[p.End..]], "duplicate-property");
                }

                return (bytes, "none");
            case 10:
                JsonSpan? named = Pick(spans, s => s.HasName, random);
                return named is { } n ? (Replace(bytes, new JsonSpan(n.PropertyStart, n.NameEnd, false, -1, -1), "\"unknownField\""u8.ToArray()), "rename-property") : (bytes, "none");
            default:
                int depth = random.Next(2) == 0 ? random.Next(6, 64) : random.Next(1000, 10_001);
                bool arrays = random.Next(2) == 0;
                var nested = new StringBuilder(bytes.Length + (depth * 6));
                for (int i = 0; i < depth; i++)
                {
                    nested.Append(arrays ? "[" : "{\"a\":");
                }

                nested.Append(Encoding.UTF8.GetString(bytes));
                nested.Append(arrays ? ']' : '}', depth);
                return (Encoding.UTF8.GetBytes(nested.ToString()), "nest-" + depth.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static JsonSpan? Pick(List<JsonSpan> spans, Func<JsonSpan, bool> which, Random random)
    {
        JsonSpan[] candidates = [.. spans.Where(which)];
        return candidates.Length == 0 ? null : candidates[random.Next(candidates.Length)];
    }

    private static byte[] Replace(byte[] bytes, JsonSpan span, byte[] with) => [.. bytes[..span.Start], .. with, .. bytes[span.End..]];

    /// <summary>The value spans of a document (empty when it is no longer valid JSON).</summary>
    private static List<JsonSpan> Spans(byte[] bytes)
    {
        var spans = new List<JsonSpan>();
        var open = new Stack<(int Start, int NameStart, int NameEnd)>();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 64 });
        int nameStart = -1;
        int nameEnd = -1;
        try
        {
            while (reader.Read())
            {
                int start = (int)reader.TokenStartIndex;
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        nameStart = start;
                        nameEnd = start + reader.ValueSpan.Length + 2; // the quoted name, escapes included
                        continue;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        open.Push((start, nameStart, nameEnd));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        (int s, int ns, int ne) = open.Pop();
                        Add(spans, s, (int)reader.BytesConsumed, ns, ne, container: true);
                        break;
                    default:
                        Add(spans, start, (int)reader.BytesConsumed, nameStart, nameEnd, container: false);
                        break;
                }

                nameStart = -1;
                nameEnd = -1;
            }
        }
        catch (JsonException)
        {
            spans.Clear();
        }

        return spans;
    }

    private static void Add(List<JsonSpan> spans, int start, int end, int nameStart, int nameEnd, bool container) =>
        spans.Add(new JsonSpan(start, end, container, nameStart, nameEnd));

    /// <summary>A value's bytes (Start..End); for an object member also its quoted name's (PropertyStart..NameEnd, else -1).</summary>
    private readonly record struct JsonSpan(int Start, int End, bool IsContainer, int PropertyStart, int NameEnd)
    {
        public bool HasName => PropertyStart >= 0;
    }
}
