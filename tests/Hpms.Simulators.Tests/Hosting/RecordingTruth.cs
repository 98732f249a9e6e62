using System.Collections.Concurrent;
using Hpms.Simulators.GroundTruth;

namespace Hpms.Simulators.Tests.Hosting;

/// <summary>Keeps every ground-truth record in memory for assertions.</summary>
internal sealed class RecordingTruth : IGroundTruth
{
    public ConcurrentQueue<(string Device, string Point, double Value)> Values { get; } = new();

    public ConcurrentQueue<(string Device, string Kind, string Detail, DateTimeOffset At)> Events { get; } = new();

    public ConcurrentQueue<(string Endpoint, byte Unit, string Fault)> Faults { get; } = new();

    public ConcurrentQueue<(string Device, int Bin, int Delta, int OnHand, string Reason)> StockMoves { get; } = new();

    public void Value(string device, string point, double value, DateTimeOffset at) => Values.Enqueue((device, point, value));

    public void Stock(string device, int bin, long itemCode, int delta, int onHand, string reason, DateTimeOffset at) =>
        StockMoves.Enqueue((device, bin, delta, onHand, reason));

    public void Happened(string device, string kind, string detail, DateTimeOffset at) => Events.Enqueue((device, kind, detail, at));

    public void Fault(string endpoint, byte unitId, byte functionCode, string fault) => Faults.Enqueue((endpoint, unitId, fault));
}
