using System.Data.Common;

namespace Hpms.Cloud.WorkOrders;

/// <summary>Opens work orders, at most one open per asset and cause (the database enforces it).</summary>
public interface IWorkOrderOpener
{
    /// <summary>Opens a work order inside the caller's transaction, unless one is open for the asset and cause.</summary>
    /// <param name="request">What and why.</param>
    /// <param name="actor">Who asks (<c>system</c> for events and trends).</param>
    /// <param name="connection">Open connection.</param>
    /// <param name="transaction">The caller's transaction.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The new work order's id, or null when one was already open.</returns>
    Task<long?> OpenAsync(WorkOrderRequest request, string actor, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);
}
