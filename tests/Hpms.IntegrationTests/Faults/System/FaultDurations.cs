using System.Globalization;

namespace Hpms.IntegrationTests.Faults.System;

/// <summary>
/// How long each system fault lasts: the durations (broker 60 s, InfluxDB 60 s, PostgreSQL 30 s, WAN
/// flapping 60 s) when <c>HPMS_PROVE=1</c>, a short form otherwise so CI stays within its budget.
/// </summary>
internal static class FaultDurations
{
    /// <summary>The variable that selects the long form.</summary>
    public const string ProveVariable = "HPMS_PROVE";

    /// <summary>Gets whether the long form runs.</summary>
    public static bool Prove => Environment.GetEnvironmentVariable(ProveVariable) == "1";

    /// <summary>Gets the broker outage.</summary>
    public static TimeSpan Broker => Seconds(60, 10);

    /// <summary>Gets the InfluxDB outage.</summary>
    public static TimeSpan Influx => Seconds(60, 10);

    /// <summary>Gets the PostgreSQL outage.</summary>
    public static TimeSpan Postgres => Seconds(30, 8);

    /// <summary>Gets how long the WAN flaps.</summary>
    public static TimeSpan Flapping => Seconds(60, 16);

    /// <summary>Gets how long a killed process stays down before it is started again.</summary>
    public static TimeSpan KilledFor => Seconds(10, 3);

    /// <summary>Gets the label of the form in the figures.</summary>
    public static string Form => Prove ? "HPMS_PROVE=1" : "CI";

    /// <summary>A time limit for waits that scale with the outage (the backlog to drain grows with it).</summary>
    public static TimeSpan DeadlineAfter(TimeSpan outage) => TimeSpan.FromSeconds(90 + outage.TotalSeconds);

    private static TimeSpan Seconds(int prove, int ci) => TimeSpan.FromSeconds(Prove ? prove : ci);

    /// <summary>Formats seconds for the figures.</summary>
    public static string Format(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
}
