using System.ComponentModel.DataAnnotations;

namespace Hpms.Cloud.Api;

/// <summary>Body of <c>POST /api/users</c>.</summary>
public sealed class NewUserRequest
{
    /// <summary>Gets or sets the user name.</summary>
    [Required]
    [StringLength(128, MinimumLength = 1)]
    [RegularExpression("^[A-Za-z0-9._@-]+$", ErrorMessage = "letters, digits and . _ @ - only")]
    public string? Name { get; set; }

    /// <summary>Gets or sets the password (at least 12 characters).</summary>
    [Required]
    [StringLength(1024, MinimumLength = 12)]
    public string? Password { get; set; }

    /// <summary>Gets or sets the roles.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(5)]
    public IReadOnlyList<string>? Roles { get; set; }

    /// <summary>Gets or sets the technician the user is, if any (must exist in <c>technicians</c>).</summary>
    [StringLength(128)]
    public string? TechnicianId { get; set; }
}
