using System.Text.Json.Serialization;

namespace Hpms.Edge.Rules;

/// <summary>
/// The state one rule keeps for one series of one device: a few numbers, so thousands of series fit in a
/// gateway and the whole set serialises into a small snapshot. Public properties only for the JSON snapshot.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ThresholdState), "threshold")]
[JsonDerivedType(typeof(RateOfChangeState), "rate")]
[JsonDerivedType(typeof(DoorOpenState), "door")]
[JsonDerivedType(typeof(StockReorderState), "stock")]
[JsonDerivedType(typeof(SwitchOverState), "switchover")]
[JsonDerivedType(typeof(ColdChainState), "coldchain")]
internal abstract class SeriesState
{
}
