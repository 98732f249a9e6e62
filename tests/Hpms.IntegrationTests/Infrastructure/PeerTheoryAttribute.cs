namespace Hpms.IntegrationTests.Infrastructure;

/// <summary>The theory form of <see cref="PeerFactAttribute"/>: skips locally, fails with <c>CI=true</c>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PeerTheoryAttribute : TheoryAttribute
{
    public PeerTheoryAttribute(PeerTool tools)
    {
        Tools = tools;
        string? missing = PeerTools.Missing(tools);
        if (missing is not null && !PeerTools.IsCi)
        {
            Skip = missing + " With CI=true this test fails instead.";
        }
    }

    public PeerTool Tools { get; }
}
