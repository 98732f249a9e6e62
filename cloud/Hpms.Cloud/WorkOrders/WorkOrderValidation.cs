using Hpms.Cloud.Domain.WorkOrders;

namespace Hpms.Cloud.WorkOrders;

/// <summary>Checks API bodies; each failure is keyed by the field (problem-details <c>errors</c>).</summary>
public static class WorkOrderValidation
{
    /// <summary>The longest note, reason, title or description accepted.</summary>
    public const int MaxText = 4000;

    private const int MaxName = 128;

    /// <summary>Checks a manual work order.</summary>
    /// <param name="body">The body.</param>
    /// <param name="errors">Failures by field.</param>
    /// <returns>The request when valid.</returns>
    public static WorkOrderRequest? Check(CreateWorkOrderBody? body, out Dictionary<string, string[]> errors)
    {
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body is null)
        {
            errors["body"] = ["A JSON body is required."];
            return null;
        }

        Required(errors, "assetId", body.AssetId, MaxName);
        Required(errors, "cause", body.Cause, MaxName);
        Required(errors, "title", body.Title, MaxText);
        Required(errors, "skill", body.Skill, MaxName);
        Required(errors, "zone", body.Zone, MaxName);
        if (body.Description is { Length: > MaxText })
        {
            errors["description"] = [$"At most {MaxText} characters."];
        }

        if (body.Priority is null || !SlaPolicy.Priorities.Contains(body.Priority))
        {
            errors["priority"] = ["One of P1, P2, P3, P4."];
        }

        return errors.Count > 0
            ? null
            : new WorkOrderRequest(body.AssetId!, body.Cause!, body.Title!, body.Description ?? string.Empty, body.Priority!, body.Skill!, body.Zone!, "manual", null, null);
    }

    /// <summary>Checks a transition body's sizes (the state machine checks what each action needs).</summary>
    /// <param name="body">The body (may be absent).</param>
    /// <param name="errors">Failures by field.</param>
    /// <returns>True when valid.</returns>
    public static bool Check(TransitionBody? body, out Dictionary<string, string[]> errors)
    {
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if ((body?.Note ?? body?.Reason) is { Length: > MaxText })
        {
            errors["note"] = [$"At most {MaxText} characters."];
        }

        if (body?.TechnicianId is { Length: > MaxName })
        {
            errors["technicianId"] = [$"At most {MaxName} characters."];
        }

        return errors.Count == 0;
    }

    /// <summary>Checks a technician.</summary>
    /// <param name="technician">The body.</param>
    /// <param name="errors">Failures by field.</param>
    /// <returns>True when valid.</returns>
    public static bool Check(Technician? technician, out Dictionary<string, string[]> errors)
    {
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (technician is null)
        {
            errors["body"] = ["A JSON body is required."];
            return false;
        }

        Required(errors, "id", technician.Id, MaxName);
        Required(errors, "name", technician.Name, MaxName);
        if (technician.Skills is not { Count: > 0 } || technician.Skills.Any(BadListItem))
        {
            errors["skills"] = ["At least one skill; no blanks or commas."];
        }

        if (technician.Zones is null || technician.Zones.Any(BadListItem))
        {
            errors["zones"] = ["A list of zones; no blanks or commas."];
        }

        if (technician.ShiftStartMinute is < 0 or > ShiftWindow.MinutesPerDay || technician.ShiftEndMinute is < 0 or > ShiftWindow.MinutesPerDay)
        {
            errors["shift"] = ["Shift minutes are 0…1440 (local time)."];
        }

        if (technician.EscalationLevel is < 1 or > SlaEscalation.MaxLevel)
        {
            errors["escalationLevel"] = ["1 (technician), 2 (supervisor) or 3 (manager)."];
        }

        return errors.Count == 0;
    }

    private static bool BadListItem(string item) => string.IsNullOrWhiteSpace(item) || item.Contains(',', StringComparison.Ordinal) || item.Length > MaxName;

    private static void Required(Dictionary<string, string[]> errors, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = ["Required."];
        }
        else if (value.Length > max)
        {
            errors[field] = [$"At most {max} characters."];
        }
    }
}
