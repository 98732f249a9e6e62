namespace Hpms.Cloud.Operations;

/// <summary>A part of the cloud that exposes counters on <c>/metrics</c>; register it as a singleton of this interface.</summary>
public interface IMetricsSource
{
    /// <summary>Writes this part's metrics.</summary>
    /// <param name="text">The exposition being written.</param>
    void WriteTo(PrometheusText text);
}
