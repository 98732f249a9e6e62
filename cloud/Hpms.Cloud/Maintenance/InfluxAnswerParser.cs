using System.Globalization;
using System.Text.Json;

namespace Hpms.Cloud.Maintenance;

/// <summary>
/// Reads the JSON of InfluxDB 1.x <c>/query</c> (<c>epoch=ms</c>): <c>{"results":[{"statement_id":0,
/// "series":[{"name","tags","columns","values"}]}]}</c>, with <c>error</c> at the top or per statement.
/// Never throws: anything unexpected becomes a failed result with the reason.
/// </summary>
public static class InfluxAnswerParser
{
    /// <summary>Parses an answer.</summary>
    /// <param name="json">The body.</param>
    /// <returns>The series, or the reason there are none.</returns>
    public static InfluxQueryResult Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using JsonDocument document = JsonDocument.ParseValue(ref reader);
            return Parse(document.RootElement);
        }
        catch (JsonException e)
        {
            return InfluxQueryResult.Failed("invalid JSON: " + e.Message);
        }
    }

    private static InfluxQueryResult Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return InfluxQueryResult.Failed("answer is not a JSON object");
        }

        if (root.TryGetProperty("error", out JsonElement topError))
        {
            return InfluxQueryResult.Failed("server: " + topError.ToString());
        }

        if (!root.TryGetProperty("results", out JsonElement results) || results.ValueKind != JsonValueKind.Array)
        {
            return InfluxQueryResult.Failed("answer has no results array");
        }

        var series = new List<InfluxSeries>();
        foreach (JsonElement statement in results.EnumerateArray())
        {
            if (statement.ValueKind != JsonValueKind.Object)
            {
                return InfluxQueryResult.Failed("a result is not an object");
            }

            if (statement.TryGetProperty("error", out JsonElement error))
            {
                return InfluxQueryResult.Failed("statement: " + error.ToString());
            }

            if (!statement.TryGetProperty("series", out JsonElement list))
            {
                continue; // a statement that matched nothing
            }

            if (list.ValueKind != JsonValueKind.Array)
            {
                return InfluxQueryResult.Failed("series is not an array");
            }

            foreach (JsonElement s in list.EnumerateArray())
            {
                if (ReadSeries(s) is not InfluxSeries parsed)
                {
                    return InfluxQueryResult.Failed("a series lacks name, columns or values, or its first column is not time");
                }

                series.Add(parsed);
            }
        }

        return new InfluxQueryResult(null, series);
    }

    private static InfluxSeries? ReadSeries(JsonElement s)
    {
        if (s.ValueKind != JsonValueKind.Object
            || !s.TryGetProperty("columns", out JsonElement columns) || columns.ValueKind != JsonValueKind.Array
            || columns.GetArrayLength() == 0 || columns[0].ValueKind != JsonValueKind.String || columns[0].GetString() != "time")
        {
            return null;
        }

        string name = s.TryGetProperty("name", out JsonElement n) && n.ValueKind == JsonValueKind.String ? n.GetString() ?? string.Empty : string.Empty;
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (s.TryGetProperty("tags", out JsonElement t) && t.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty tag in t.EnumerateObject())
            {
                tags[tag.Name] = tag.Value.ValueKind == JsonValueKind.String ? tag.Value.GetString() ?? string.Empty : tag.Value.ToString();
            }
        }

        string[] names = [.. columns.EnumerateArray().Skip(1).Select(c => c.ValueKind == JsonValueKind.String ? c.GetString() ?? string.Empty : c.ToString())];
        var rows = new List<InfluxRow>();
        if (s.TryGetProperty("values", out JsonElement values))
        {
            if (values.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            foreach (JsonElement row in values.EnumerateArray())
            {
                if (ReadRow(row, names.Length) is InfluxRow parsed)
                {
                    rows.Add(parsed);
                }
            }
        }

        return new InfluxSeries(name, tags, names, rows);
    }

    private static InfluxRow? ReadRow(JsonElement row, int width)
    {
        if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() == 0 || !TryTime(row[0], out long time))
        {
            return null; // a row without a usable time is skipped, not fatal
        }

        var values = new double?[width];
        int i = 0;
        foreach (JsonElement cell in row.EnumerateArray().Skip(1))
        {
            if (i == width)
            {
                break;
            }

            values[i++] = cell.ValueKind == JsonValueKind.Number && cell.TryGetDouble(out double d) && double.IsFinite(d) ? d : null;
        }

        return new InfluxRow(time, values);
    }

    private static bool TryTime(JsonElement cell, out long time)
    {
        time = 0;
        if (cell.ValueKind == JsonValueKind.Number)
        {
            return cell.TryGetInt64(out time);
        }

        // Without epoch=ms the server answers RFC 3339 strings; accept them too.
        if (cell.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(cell.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at))
        {
            time = at.ToUnixTimeMilliseconds();
            return true;
        }

        return false;
    }
}
