using Hpms.Simulators.Scenarios;

namespace Hpms.Simulators.Devices.SupplyCabinet;

/// <summary>The scenario events a supply cabinet accepts (Modbus and MQTT variants alike) and how they act on the model.</summary>
public static class SupplyCabinetEvents
{
    /// <summary>Consumption × factor for the duration (a surge can empty the cabinet).</summary>
    public const string PatientSurge = "patient-surge";

    /// <summary>All bins back to par.</summary>
    public const string Restock = "restock";

    /// <summary>The door held open for the duration.</summary>
    public const string DoorOpen = "door-open";

    /// <summary>The door forced open without an unlock.</summary>
    public const string DoorForced = "door-forced";

    /// <summary>Mains lost (battery) for the duration.</summary>
    public const string PowerFail = "power-fail";

    /// <summary>Tamper switch tripped for the duration.</summary>
    public const string Tamper = "tamper";

    /// <summary>Gets the declarations.</summary>
    public static IReadOnlyList<EventSpec> All { get; } =
    [
        new(PatientSurge, "Consumption multiplied by factor for the duration; a large factor empties bins.", DurationRule.Required, new ParameterSpec("factor", 3, 1, 50)),
        new(Restock, "All bins refilled to par (reason restock).", DurationRule.None),
        new(DoorOpen, "An authorised access props the door open for the duration; door.open-seconds counts up.", DurationRule.Required),
        new(DoorForced, "The door is forced open without an unlock; status.door-forced latches for 15 minutes.", DurationRule.None),
        new(PowerFail, "Mains lost: status.power-fail set (to the end of the run without a duration).", DurationRule.Optional),
        new(Tamper, "Enclosure tamper switch tripped (to the end of the run without a duration).", DurationRule.Optional),
    ];

    /// <summary>Starts or ends an event on the model.</summary>
    /// <param name="model">The cabinet.</param>
    /// <param name="scenarioEvent">The event.</param>
    /// <param name="phase">Start or end.</param>
    /// <param name="now">Simulated time.</param>
    public static void Apply(CabinetModel model, ScenarioEvent scenarioEvent, EventPhase phase, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(scenarioEvent);
        bool start = phase == EventPhase.Start;
        switch (scenarioEvent.Kind)
        {
            case PatientSurge:
                model.ConsumptionFactor = start ? scenarioEvent.Number("factor") : 1.0;
                break;
            case Restock when start:
                model.RestockAll(now);
                break;
            case DoorOpen when start:
                model.HoldDoorOpen(now);
                break;
            case DoorOpen:
                model.ReleaseDoor(now);
                break;
            case DoorForced when start:
                model.ForceDoor(now);
                break;
            case PowerFail:
                model.PowerFail = start;
                break;
            case Tamper:
                model.Tamper = start;
                break;
            default:
                break;
        }
    }
}
