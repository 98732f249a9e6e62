namespace Hpms.Edge.Polling;

/// <summary>The last good value (and when) of each planned point of one device, in plan order.</summary>
internal sealed class LastGoodValues(int points)
{
    private readonly double[] _values = new double[points];
    private readonly string?[] _texts = new string?[points];
    private readonly long[] _atUnixMs = new long[points];

    public void Set(int index, double value, string? text, long atUnixMs)
    {
        _values[index] = value;
        _texts[index] = text;
        _atUnixMs[index] = atUnixMs;
    }

    public bool TryGet(int index, out double value, out string? text, out long atUnixMs)
    {
        value = _values[index];
        text = _texts[index];
        atUnixMs = _atUnixMs[index];
        return atUnixMs != 0;
    }
}
