namespace Hpms.Cloud.Domain.Maintenance;

/// <summary>ISO 10816-3 evaluation zones.</summary>
public enum VibrationZone
{
    /// <summary>Newly commissioned machines.</summary>
    A,

    /// <summary>Acceptable for unrestricted long-term operation.</summary>
    B,

    /// <summary>Unsatisfactory for long-term operation: plan remedial work.</summary>
    C,

    /// <summary>Severe enough to cause damage.</summary>
    D,
}
