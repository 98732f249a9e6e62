using System.Diagnostics.CodeAnalysis;

namespace Hpms.Cloud.Domain.WorkOrders;

/// <summary>The database and API spelling of <see cref="WorkOrderState"/> (<c>in_progress</c>, …).</summary>
public static class WorkOrderStateText
{
    private static readonly string[] s_names = ["created", "assigned", "accepted", "in_progress", "resolved", "verified", "closed", "reopened", "cancelled"];

    /// <summary>Gets every state's text, in life order.</summary>
    public static IReadOnlyList<string> All => s_names;

    /// <summary>The text of a state.</summary>
    /// <param name="state">The state.</param>
    /// <returns>Its stored text.</returns>
    public static string Of(WorkOrderState state) => s_names[(int)state];

    /// <summary>Reads a stored or requested state.</summary>
    /// <param name="text">The text (exact, lower case).</param>
    /// <param name="state">The state when known.</param>
    /// <returns>True when the text names a state.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out WorkOrderState state)
    {
        int index = Array.IndexOf(s_names, text);
        state = index < 0 ? default : (WorkOrderState)index;
        return index >= 0;
    }

    /// <summary>Whether work in this state still needs someone (everything but closed and cancelled).</summary>
    /// <param name="state">The state.</param>
    /// <returns>True when open.</returns>
    public static bool IsOpen(WorkOrderState state) => state is not (WorkOrderState.Closed or WorkOrderState.Cancelled);
}
