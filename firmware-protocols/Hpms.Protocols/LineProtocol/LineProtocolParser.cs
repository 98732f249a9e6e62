using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Hpms.Protocols.LineProtocol;

/// <summary>
/// Reads InfluxDB line protocol (for tests and for the cloud's verification of what it stores). Takes
/// untrusted bytes and never throws: each bad line becomes a <see cref="LineProtocolParseError"/> and
/// parsing goes on with the next line. Blank lines and <c>#</c> comments are skipped, a trailing
/// <c>\r</c> is tolerated. Escapes are read as InfluxDB 1.x reads them: <c>\,</c> and <c>\ </c> in the
/// measurement, <c>\,</c> <c>\=</c> <c>\ </c> in keys and tag values, <c>\"</c> and <c>\\</c> in string
/// values; any other backslash is literal. NaN and infinities are refused, as InfluxDB refuses them.
/// </summary>
public static class LineProtocolParser
{
    /// <summary>Longest line accepted, in bytes.</summary>
    public const int MaxLineBytes = 256 * 1024;

    /// <summary>Most errors kept in a result.</summary>
    public const int MaxErrors = 100;

    /// <summary>Most tags or fields in one line.</summary>
    public const int MaxElementsPerLine = 1024;

    private static readonly System.Buffers.SearchValues<byte> s_floatCharacters = System.Buffers.SearchValues.Create("0123456789+-.eE"u8);

    /// <summary>Parses a body of lines.</summary>
    /// <param name="body">Untrusted UTF-8 bytes.</param>
    /// <param name="maxLines">Most lines read; the rest is refused with one error.</param>
    /// <returns>Points and errors.</returns>
    public static LineProtocolParseResult Parse(ReadOnlySpan<byte> body, int maxLines = 100_000)
    {
        var points = new List<LineProtocolPoint>();
        var errors = new List<LineProtocolParseError>();
        int errorCount = 0;
        int lineNumber = 0;
        while (!body.IsEmpty)
        {
            int end = body.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = end < 0 ? body : body[..end];
            body = end < 0 ? [] : body[(end + 1)..];
            lineNumber++;
            if (lineNumber > maxLines)
            {
                AddError(errors, ref errorCount, lineNumber, string.Create(CultureInfo.InvariantCulture, $"more than {maxLines} lines"));
                break;
            }

            if (line.EndsWith((byte)'\r'))
            {
                line = line[..^1];
            }

            ReadOnlySpan<byte> trimmed = line.TrimStart(" \t"u8);
            if (trimmed.IsEmpty || trimmed[0] == (byte)'#')
            {
                continue;
            }

            if (TryParseLine(line, out LineProtocolPoint? point, out string? error))
            {
                points.Add(point);
            }
            else
            {
                AddError(errors, ref errorCount, lineNumber, error);
            }
        }

        return new LineProtocolParseResult(points, errors, errorCount);
    }

    /// <summary>Parses one line (without its newline).</summary>
    /// <param name="line">Untrusted UTF-8 bytes.</param>
    /// <param name="point">The point when accepted.</param>
    /// <param name="error">Why it was refused.</param>
    /// <returns>Whether it was accepted.</returns>
    public static bool TryParseLine(ReadOnlySpan<byte> line, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out LineProtocolPoint? point, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        point = null;
        error = Check(line);
        if (error is not null)
        {
            return false;
        }

        int at = 0;
        string measurement = ReadName(line, ref at, ", "u8, ", "u8);
        if (measurement.Length == 0)
        {
            return Refuse("missing measurement", out error);
        }

        var tags = new List<KeyValuePair<string, string>>();
        while (at < line.Length && line[at] == (byte)',')
        {
            at++;
            string key = ReadName(line, ref at, ",= "u8, ",= "u8);
            if (key.Length == 0 || at >= line.Length || line[at] != (byte)'=')
            {
                return Refuse("tag without key or '='", out error);
            }

            at++;
            string value = ReadName(line, ref at, ", "u8, ",= "u8);
            if (value.Length == 0)
            {
                return Refuse("tag '" + key + "' has an empty value", out error);
            }

            if (tags.Exists(t => t.Key == key) || tags.Count >= MaxElementsPerLine)
            {
                return Refuse("duplicate tag '" + key + "' or too many tags", out error);
            }

            tags.Add(new(key, value));
        }

        if (at >= line.Length || line[at] != (byte)' ')
        {
            return Refuse("missing field set", out error);
        }

        at++;
        var fields = new List<KeyValuePair<string, LineProtocolFieldValue>>();
        while (true)
        {
            string key = ReadName(line, ref at, ",= "u8, ",= "u8);
            if (key.Length == 0 || at >= line.Length || line[at] != (byte)'=')
            {
                return Refuse("field without key or '='", out error);
            }

            at++;
            if (!TryReadFieldValue(line, ref at, out LineProtocolFieldValue value, out error))
            {
                error = "field '" + key + "': " + error;
                return false;
            }

            if (fields.Count >= MaxElementsPerLine)
            {
                return Refuse("too many fields", out error);
            }

            fields.Add(new(key, value));
            if (at < line.Length && line[at] == (byte)',')
            {
                at++;
                continue;
            }

            break;
        }

        long? timestamp = null;
        if (at < line.Length)
        {
            if (line[at] != (byte)' ')
            {
                return Refuse("unexpected character after the fields", out error);
            }

            ReadOnlySpan<byte> text = line[(at + 1)..];
            if (!Utf8Parser.TryParse(text, out long stamp, out int used) || used != text.Length)
            {
                return Refuse("timestamp is not a whole number", out error);
            }

            timestamp = stamp;
        }

        point = new LineProtocolPoint(measurement, tags, fields, timestamp);
        return true;
    }

    private static string? Check(ReadOnlySpan<byte> line)
    {
        if (line.Length > MaxLineBytes)
        {
            return string.Create(CultureInfo.InvariantCulture, $"line is longer than {MaxLineBytes} bytes");
        }

        if (!System.Text.Unicode.Utf8.IsValid(line))
        {
            return "not valid UTF-8";
        }

        return line.IndexOf((byte)'\n') >= 0 ? "newline inside a line" : null;
    }

    private static bool Refuse(string reason, out string error)
    {
        error = reason;
        return false;
    }

    private static void AddError(List<LineProtocolParseError> errors, ref int count, int lineNumber, string reason)
    {
        count++;
        if (errors.Count < MaxErrors)
        {
            errors.Add(new LineProtocolParseError(lineNumber, reason));
        }
    }

    /// <summary>Reads up to an unescaped stop byte, unescaping <paramref name="escapable"/>.</summary>
    private static string ReadName(ReadOnlySpan<byte> line, ref int at, ReadOnlySpan<byte> stops, ReadOnlySpan<byte> escapable)
    {
        var text = new StringBuilder();
        int runStart = at;
        while (at < line.Length)
        {
            byte b = line[at];
            if (b == (byte)'\\' && at + 1 < line.Length && escapable.Contains(line[at + 1]))
            {
                text.Append(Encoding.UTF8.GetString(line[runStart..at]));
                text.Append((char)line[at + 1]);
                at += 2;
                runStart = at;
                continue;
            }

            if (stops.Contains(b))
            {
                break;
            }

            at++;
        }

        text.Append(Encoding.UTF8.GetString(line[runStart..at]));
        return text.ToString();
    }

    private static bool TryReadFieldValue(ReadOnlySpan<byte> line, ref int at, out LineProtocolFieldValue value, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        value = default;
        error = null;
        if (at < line.Length && line[at] == (byte)'"')
        {
            return TryReadString(line, ref at, out value, out error);
        }

        int start = at;
        while (at < line.Length && line[at] is not ((byte)',' or (byte)' '))
        {
            at++;
        }

        ReadOnlySpan<byte> token = line[start..at];
        if (token.IsEmpty)
        {
            return Refuse("empty value", out error);
        }

        switch (token[^1])
        {
            case (byte)'i' when Utf8Parser.TryParse(token[..^1], out long integer, out int used) && used == token.Length - 1:
                value = new LineProtocolFieldValue(LineProtocolFieldKind.Integer, 0, integer, 0, false, null);
                return true;
            case (byte)'u' when token[0] != (byte)'-' && Utf8Parser.TryParse(token[..^1], out ulong unsigned, out int used) && used == token.Length - 1:
                value = new LineProtocolFieldValue(LineProtocolFieldKind.UInteger, 0, 0, unsigned, false, null);
                return true;
            default:
                break;
        }

        if (token.SequenceEqual("t"u8) || token.SequenceEqual("T"u8) || token.SequenceEqual("true"u8) || token.SequenceEqual("True"u8) || token.SequenceEqual("TRUE"u8))
        {
            value = new LineProtocolFieldValue(LineProtocolFieldKind.Boolean, 0, 0, 0, true, null);
            return true;
        }

        if (token.SequenceEqual("f"u8) || token.SequenceEqual("F"u8) || token.SequenceEqual("false"u8) || token.SequenceEqual("False"u8) || token.SequenceEqual("FALSE"u8))
        {
            value = new LineProtocolFieldValue(LineProtocolFieldKind.Boolean, 0, 0, 0, false, null);
            return true;
        }

        // Digits, sign, point and exponent only: double.TryParse alone would take "NaN" and "Infinity".
        if (token.IndexOfAnyExcept(s_floatCharacters) >= 0
            || !Utf8Parser.TryParse(token, out double number, out int length) || length != token.Length || !double.IsFinite(number))
        {
            return Refuse("not a number, integer, boolean or string", out error);
        }

        value = new LineProtocolFieldValue(LineProtocolFieldKind.Float, number, 0, 0, false, null);
        return true;
    }

    private static bool TryReadString(ReadOnlySpan<byte> line, ref int at, out LineProtocolFieldValue value, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        value = default;
        error = null;
        var text = new StringBuilder();
        int runStart = ++at;
        while (at < line.Length)
        {
            byte b = line[at];
            if (b == (byte)'\\' && at + 1 < line.Length && line[at + 1] is (byte)'"' or (byte)'\\')
            {
                text.Append(Encoding.UTF8.GetString(line[runStart..at]));
                text.Append((char)line[at + 1]);
                at += 2;
                runStart = at;
                continue;
            }

            if (b == (byte)'"')
            {
                text.Append(Encoding.UTF8.GetString(line[runStart..at]));
                at++;
                value = new LineProtocolFieldValue(LineProtocolFieldKind.String, 0, 0, 0, false, text.ToString());
                return true;
            }

            at++;
        }

        return Refuse("unterminated string", out error);
    }
}
