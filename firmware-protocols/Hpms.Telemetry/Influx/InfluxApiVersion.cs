namespace Hpms.Telemetry.Influx;

/// <summary>Which InfluxDB write API to use.</summary>
public enum InfluxApiVersion
{
    /// <summary>1.x <c>/write?db=</c> (username/password optional).</summary>
    V1 = 1,

    /// <summary>2.x <c>/api/v2/write?org=&amp;bucket=</c> with a token (also 1.8+ compatibility and 3.x).</summary>
    V2 = 2,
}
