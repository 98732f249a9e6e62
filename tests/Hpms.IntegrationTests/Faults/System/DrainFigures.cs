using System.Globalization;

namespace Hpms.IntegrationTests.Faults.System;

/// <summary>
/// What one fault cost: the outage, the readings the edge acknowledged during the run and how many of them the
/// cloud stored (exactly the same set when nothing is lost), the backlog at the restore and how fast it drained.
/// </summary>
/// <param name="Fault">The fault.</param>
/// <param name="Outage">How long the part was down (or the link flapped).</param>
/// <param name="Acknowledged">Readings the edge acknowledged (its witness copy) up to the end of the drain.</param>
/// <param name="Missing">Of those, readings missing from the cloud's InfluxDB.</param>
/// <param name="Backlog">Readings acknowledged but not yet in the cloud's InfluxDB when the part came back.</param>
/// <param name="DrainSeconds">From the restore until every reading acknowledged before it was stored and the buffers were empty.</param>
/// <param name="PointsPerReading">Points (channels) per reading, to express the drain in points/s.</param>
/// <param name="Events">Events the edge acknowledged (all in the cloud's ledger when nothing is lost).</param>
internal sealed record DrainFigures(string Fault, TimeSpan Outage, int Acknowledged, int Missing, int Backlog, double DrainSeconds, double PointsPerReading, long Events = 0)
{
    /// <summary>Gets the drain rate in readings/s.</summary>
    public double ReadingsPerSecond => DrainSeconds > 0 ? Backlog / DrainSeconds : 0;

    /// <summary>Gets the drain rate in points/s.</summary>
    public double PointsPerSecond => ReadingsPerSecond * PointsPerReading;

    /// <summary>One line for the test output and the figures file.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Fault} [{FaultDurations.Form}]: outage {Outage.TotalSeconds:F0} s; readings acknowledged {Acknowledged}, missing {Missing}; events acknowledged {Events}, all in the ledger; backlog {Backlog} readings drained in {DrainSeconds:F1} s ({ReadingsPerSecond:F0} readings/s, {PointsPerSecond:F0} points/s)");
}
