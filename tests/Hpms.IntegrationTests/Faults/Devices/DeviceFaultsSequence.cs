namespace Hpms.IntegrationTests.Faults.Devices;

/// <summary>The device-fault tests run one after the other: each measures rates and times that the other's load would skew.</summary>
[CollectionDefinition(Name)]
public sealed class DeviceFaultsSequence
{
    public const string Name = "device-faults";
}
