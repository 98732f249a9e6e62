using System.Diagnostics.CodeAnalysis;

namespace Hpms.Cloud.Domain.WorkOrders;

/// <summary>The API and audit spelling of <see cref="WorkOrderAction"/> (<c>assign</c>, <c>accept</c>, …).</summary>
public static class WorkOrderActionText
{
    private static readonly string[] s_names = ["assign", "accept", "start", "resolve", "verify", "close", "reopen", "cancel"];

    /// <summary>The text of an action.</summary>
    /// <param name="action">The action.</param>
    /// <returns>Its text.</returns>
    public static string Of(WorkOrderAction action) => s_names[(int)action];

    /// <summary>Reads an action from a route segment.</summary>
    /// <param name="text">The text (exact, lower case).</param>
    /// <param name="action">The action when known.</param>
    /// <returns>True when the text names an action.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out WorkOrderAction action)
    {
        int index = Array.IndexOf(s_names, text);
        action = index < 0 ? default : (WorkOrderAction)index;
        return index >= 0;
    }
}
