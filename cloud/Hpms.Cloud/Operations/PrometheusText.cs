using System.Globalization;
using System.Text;

namespace Hpms.Cloud.Operations;

/// <summary>Builds Prometheus text exposition (version 0.0.4): HELP and TYPE once per family, escaped labels.</summary>
public sealed class PrometheusText
{
    private readonly StringBuilder _text = new();
    private readonly HashSet<string> _families = new(StringComparer.Ordinal);

    /// <summary>Writes a counter sample.</summary>
    /// <param name="name">Metric name (<c>hpms_cloud_…_total</c>).</param>
    /// <param name="help">One line of help.</param>
    /// <param name="value">The value.</param>
    /// <param name="labels">Label pairs, or none.</param>
    public void Counter(string name, string help, double value, params (string Name, string Value)[] labels) => Sample("counter", name, help, value, labels);

    /// <summary>Writes a gauge sample.</summary>
    /// <param name="name">Metric name.</param>
    /// <param name="help">One line of help.</param>
    /// <param name="value">The value.</param>
    /// <param name="labels">Label pairs, or none.</param>
    public void Gauge(string name, string help, double value, params (string Name, string Value)[] labels) => Sample("gauge", name, help, value, labels);

    /// <inheritdoc/>
    public override string ToString() => _text.ToString();

    private void Sample(string type, string name, string help, double value, (string Name, string Value)[] labels)
    {
        if (_families.Add(name))
        {
            _text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");
        }

        _text.Append(name);
        if (labels.Length > 0)
        {
            _text.Append('{');
            for (int i = 0; i < labels.Length; i++)
            {
                if (i > 0)
                {
                    _text.Append(',');
                }

                _text.Append(labels[i].Name).Append("=\"").Append(Escape(labels[i].Value)).Append('"');
            }

            _text.Append('}');
        }

        _text.Append(' ').Append(double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "NaN").Append('\n');
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
