namespace Hpms.Cloud.Domain.WorkOrders;

/// <summary>Which deadline a work order has missed.</summary>
public enum SlaBreach
{
    /// <summary>No deadline missed.</summary>
    None,

    /// <summary>Not accepted by its response deadline.</summary>
    Response,

    /// <summary>Not resolved by its resolution deadline.</summary>
    Resolution,
}
