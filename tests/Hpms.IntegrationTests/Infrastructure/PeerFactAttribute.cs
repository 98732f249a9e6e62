namespace Hpms.IntegrationTests.Infrastructure;

/// <summary>
/// A fact that needs third-party peers. Locally a missing peer skips with its reason; with
/// <c>CI=true</c> the test runs (and its fixture fails), so CI cannot silently lose coverage.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PeerFactAttribute : FactAttribute
{
    public PeerFactAttribute(PeerTool tools)
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
