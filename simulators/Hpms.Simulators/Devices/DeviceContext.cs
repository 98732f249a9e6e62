using Hpms.Simulators.GroundTruth;
using Hpms.Simulators.Time;

namespace Hpms.Simulators.Devices;

/// <summary>What every simulated device is given: identity, its own random stream, the hospital's flow profile, the truth log.</summary>
/// <param name="Identity">Who and where.</param>
/// <param name="Random">A stream seeded from the scenario seed and the device id (stable across runs).</param>
/// <param name="Flow">The hospital's patient-flow profile.</param>
/// <param name="Truth">Where the device records what it did.</param>
public sealed record DeviceContext(DeviceIdentity Identity, Random Random, HospitalFlowProfile Flow, IGroundTruth Truth);
