using Hpms.Simulators.GroundTruth;

namespace Hpms.Simulators.Tests.SupplyCabinet;

/// <summary>Keeps every stock movement and happening, for assertions.</summary>
internal sealed class RecordingGroundTruth : IGroundTruth
{
    public List<(int Bin, long ItemCode, int Delta, int OnHand, string Reason, DateTimeOffset At)> Stocks { get; } = [];

    public List<(string Kind, string Detail, DateTimeOffset At)> Happenings { get; } = [];

    public void Value(string device, string point, double value, DateTimeOffset at)
    {
    }

    public void Stock(string device, int bin, long itemCode, int delta, int onHand, string reason, DateTimeOffset at) =>
        Stocks.Add((bin, itemCode, delta, onHand, reason, at));

    public void Happened(string device, string kind, string detail, DateTimeOffset at) => Happenings.Add((kind, detail, at));

    public void Fault(string endpoint, byte unitId, byte functionCode, string fault)
    {
    }
}
