namespace Hpms.Edge.Tests;

public sealed class EdgeAssemblyTests
{
    [Fact]
    public void Assembly_IsTheHpmsEdgeExecutable() =>
        Assert.Equal("hpms-edge", typeof(Program).Assembly.GetName().Name);
}
