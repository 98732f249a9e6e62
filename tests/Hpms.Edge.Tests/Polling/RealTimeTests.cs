namespace Hpms.Edge.Tests.Polling;

/// <summary>Tests that measure real-time rates run alone: other classes' disk flushes would skew their timing.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealTimeTests
{
    public const string Name = "real-time";
}
