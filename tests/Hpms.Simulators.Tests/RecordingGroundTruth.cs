using Hpms.Simulators.GroundTruth;

namespace Hpms.Simulators.Tests;

/// <summary>Keeps the device happenings a model reports.</summary>
internal sealed class RecordingGroundTruth : IGroundTruth
{
    public List<(string Device, string Kind, string Detail, DateTimeOffset At)> Happenings { get; } = [];

    public void Value(string device, string point, double value, DateTimeOffset at)
    {
    }

    public void Stock(string device, int bin, long itemCode, int delta, int onHand, string reason, DateTimeOffset at)
    {
    }

    public void Happened(string device, string kind, string detail, DateTimeOffset at) => Happenings.Add((device, kind, detail, at));

    public void Fault(string endpoint, byte unitId, byte functionCode, string fault)
    {
    }
}
