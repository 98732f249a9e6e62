namespace Hpms.Edge.Operations;

/// <summary>The gateway's health as served on <c>/health</c> and written to the health file.</summary>
/// <param name="Status">ok, degraded or starting.</param>
/// <param name="Time">When it was taken (the gateway's clock).</param>
/// <param name="Devices">Devices configured.</param>
/// <param name="Answering">Devices whose last poll was answered.</param>
/// <param name="Failing">Ids of the devices whose last poll failed.</param>
/// <param name="Readings">Readings taken so far.</param>
internal sealed record HealthDocument(string Status, DateTimeOffset Time, int Devices, int Answering, IReadOnlyList<string> Failing, long Readings);
