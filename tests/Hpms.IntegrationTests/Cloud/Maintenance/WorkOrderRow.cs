namespace Hpms.IntegrationTests.Cloud.Maintenance;

public sealed record WorkOrderRow(long Id, string AssetId, string Cause, string Priority, string State, string Zone, string Skill, string Source, string Description);
