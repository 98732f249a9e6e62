using Hpms.IntegrationTests.Infrastructure;

namespace Hpms.IntegrationTests.Faults.Devices;

/// <summary>A fact that mounts a tmpfs (and needs <paramref name="tools"/>): skipped with the reason when mounting is not permitted.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute(PeerTool tools)
    {
        // A missing peer fails in CI (PeerFact's rule); a missing privilege skips everywhere: it is the machine's policy, not a missing install.
        string? missing = PeerTools.Missing(tools);
        if (missing is not null && !PeerTools.IsCi)
        {
            Skip = missing + " With CI=true this test fails instead.";
        }
        else if (TmpfsMount.Problem is string problem)
        {
            Skip = problem;
        }
    }
}
