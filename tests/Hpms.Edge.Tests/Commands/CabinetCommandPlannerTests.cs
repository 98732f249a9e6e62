using Hpms.Edge.Commands;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.MqttDevices;

namespace Hpms.Edge.Tests.Commands;

public sealed class CabinetCommandPlannerTests
{
    private static DeviceCommand Command(string name, params (string Name, double Value)[] args) =>
        new("c-1", name, "cab", args.ToDictionary(a => a.Name, a => CommandArgument.Of(a.Value)), 1_000, 61_000, "n", "alice");

    [Fact]
    public void Plan_UnlockWithoutArgs_DefaultSecondsNoBadge()
    {
        Assert.Null(CabinetCommandPlanner.Plan(Command("unlock"), out CabinetCommand? planned, out _));

        Assert.Equal(new CabinetCommand("c-1", "unlock", 61_000, Badge: 0, Seconds: CabinetCommandPlanner.DefaultUnlockSeconds), planned);
    }

    [Theory]
    [InlineData("unlock", "seconds", 0)]
    [InlineData("unlock", "seconds", 301)]
    [InlineData("unlock", "badge", 1.5)]
    [InlineData("light", "bin", 25)]
    [InlineData("lockdown", "on", 2)]
    public void Plan_OutOfRangeArgument_BadRequest(string name, string argument, double value)
    {
        CommandRefusal? refusal = CabinetCommandPlanner.Plan(Command(name, (argument, value)), out CabinetCommand? planned, out _);

        Assert.Equal(CommandErrorCodes.BadRequest, refusal?.ErrorCode);
        Assert.Null(planned);
    }

    [Fact]
    public void Plan_LightBin_OneBinAndReportedPickLight()
    {
        Assert.Null(CabinetCommandPlanner.Plan(Command("light", ("bin", 7)), out CabinetCommand? planned, out IReadOnlyDictionary<string, double> values));

        Assert.Equal([7], planned!.Bins!);
        Assert.Equal(1, values["bin07.pick-light"]);
    }

    [Fact]
    public void Plan_LightOff_RefusedBecauseTheCabinetCannot()
    {
        Assert.Equal(CommandErrorCodes.BadRequest, CabinetCommandPlanner.Plan(Command("light", ("bin", 7), ("on", 0)), out _, out _)?.ErrorCode);
    }

    [Fact]
    public void Plan_LockdownOff_OnFalse()
    {
        Assert.Null(CabinetCommandPlanner.Plan(Command("lockdown", ("on", 0)), out CabinetCommand? planned, out _));

        Assert.False(planned!.On);
    }

    [Theory]
    [InlineData("bad-bin", CommandErrorCodes.BadRequest)]
    [InlineData("expired", CommandErrorCodes.Expired)]
    [InlineData("duplicate", CommandErrorCodes.Replayed)]
    [InlineData("lockdown", CommandErrorCodes.DeviceError)]
    [InlineData("unreachable", CommandErrorCodes.DeviceError)]
    public void ToExecution_Refusal_MappedToTheReplyCode(string cabinetError, string expected)
    {
        CommandExecution execution = CabinetCommandPlanner.ToExecution(new CabinetCommandReply("c-1", false, cabinetError, "why"), new Dictionary<string, double> { ["x"] = 1 });

        Assert.Equal(expected, execution.Refusal?.ErrorCode);
        Assert.Empty(execution.Values);
    }
}
