using Hpms.Cloud.WorkOrders;

namespace Hpms.Cloud.Tests.WorkOrders;

public sealed class WorkOrderValidationTests
{
    private static readonly CreateWorkOrderBody s_valid = new("ahu-1", "filter", "Change filter", null, "P2", "hvac", "z1");

    [Fact]
    public void Create_Valid_GivesAManualRequest()
    {
        WorkOrderRequest? request = WorkOrderValidation.Check(s_valid, out Dictionary<string, string[]> errors);

        Assert.Empty(errors);
        Assert.Equal(new WorkOrderRequest("ahu-1", "filter", "Change filter", string.Empty, "P2", "hvac", "z1", "manual", null, null), request);
    }

    [Fact]
    public void Create_MissingFieldsAndBadPriority_AreEachNamed()
    {
        Assert.Null(WorkOrderValidation.Check(new CreateWorkOrderBody(" ", null, "t", new string('x', 5000), "p2", "hvac", ""), out Dictionary<string, string[]> errors));
        Assert.Equal(["assetId", "cause", "description", "priority", "zone"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Create_NoBody_IsRefused()
    {
        Assert.Null(WorkOrderValidation.Check((CreateWorkOrderBody?)null, out Dictionary<string, string[]> errors));
        Assert.Equal(["body"], errors.Keys);
    }

    [Fact]
    public void Transition_AbsentBodyIsFine_OversizedNoteIsNot()
    {
        Assert.True(WorkOrderValidation.Check((TransitionBody?)null, out _));
        Assert.False(WorkOrderValidation.Check(new TransitionBody(Reason: new string('r', WorkOrderValidation.MaxText + 1)), out Dictionary<string, string[]> errors));
        Assert.Equal(["note"], errors.Keys);
    }

    [Theory]
    [InlineData(0, 1440, 1, true)]
    [InlineData(1320, 360, 3, true)]
    [InlineData(-1, 1440, 1, false)]
    [InlineData(0, 1441, 1, false)]
    [InlineData(0, 1440, 0, false)]
    [InlineData(0, 1440, 4, false)]
    public void Technician_ShiftAndLevelRanges(int start, int end, int level, bool valid) =>
        Assert.Equal(valid, WorkOrderValidation.Check(new Technician("t1", "Alice", ["hvac"], ["z1"], start, end, level), out _));

    [Fact]
    public void Technician_CommasOrBlanksInLists_AreRefused()
    {
        Assert.False(WorkOrderValidation.Check(new Technician("t1", "A", ["hvac,gas"], []), out Dictionary<string, string[]> errors));
        Assert.Equal(["skills"], errors.Keys);
        Assert.False(WorkOrderValidation.Check(new Technician("t1", "A", ["hvac"], [" "]), out errors));
        Assert.Equal(["zones"], errors.Keys);
    }
}
