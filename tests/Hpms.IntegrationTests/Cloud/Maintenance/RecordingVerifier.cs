using System.Collections.Concurrent;
using Hpms.Cloud.WorkOrders;

namespace Hpms.IntegrationTests.Cloud.Maintenance;

/// <summary>Stands in for the work-orders area's verifier (not on this branch): records calls and answers true.</summary>
public sealed class RecordingVerifier : IWorkOrderVerifier
{
    public ConcurrentQueue<(long Id, string Actor, string Evidence)> Calls { get; } = new();

    public Task<bool> VerifyAsync(long workOrderId, string actor, string evidence, CancellationToken cancellationToken)
    {
        Calls.Enqueue((workOrderId, actor, evidence));
        return Task.FromResult(true);
    }
}
