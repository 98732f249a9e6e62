namespace Hpms.Edge.Rules;

/// <summary>Where a delayed alarm is: normal, breached but waiting out the on-delay, active, or clear but waiting out the off-delay.</summary>
internal enum AlarmPhase
{
    Normal,
    Pending,
    Active,
    Clearing,
}
