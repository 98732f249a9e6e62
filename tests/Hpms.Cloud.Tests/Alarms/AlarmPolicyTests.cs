using Hpms.Cloud.Domain.Alarms;
using Hpms.Cloud.Domain.Events;
using Hpms.Protocols.Envelopes;

namespace Hpms.Cloud.Tests.Alarms;

public sealed class AlarmPolicyTests
{
    [Theory]
    [InlineData(EventFamilies.Threshold, EventState.Active, EventSeverity.Critical, true)]
    [InlineData(EventFamilies.Threshold, EventState.Active, EventSeverity.Warning, true)]
    [InlineData(EventFamilies.Threshold, EventState.Active, EventSeverity.Info, false)]
    [InlineData(EventFamilies.Threshold, EventState.Cleared, EventSeverity.Critical, false)]
    [InlineData(EventFamilies.DoorOpenTooLong, EventState.Active, EventSeverity.Info, true)]
    [InlineData(EventFamilies.BankSwitchOver, EventState.Momentary, EventSeverity.Warning, true)]
    [InlineData(EventFamilies.ColdChainExcursion, EventState.Cleared, EventSeverity.Critical, false)]
    public void Raises(string family, EventState state, EventSeverity severity, bool expected) =>
        Assert.Equal(expected, AlarmPolicy.Raises(family, state, severity));

    [Theory]
    [InlineData(AlarmStates.Active, true, true)]
    [InlineData(AlarmStates.Acknowledged, false, true)]
    [InlineData(AlarmStates.Cleared, false, false)]
    public void Transitions(string state, bool acknowledge, bool clear) =>
        Assert.Equal((acknowledge, clear), (AlarmStates.CanAcknowledge(state), AlarmStates.CanClear(state)));
}
