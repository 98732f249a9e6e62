using System.ComponentModel.DataAnnotations;

namespace Hpms.Cloud.Api;

/// <summary>Body of <c>POST /api/auth/token</c>.</summary>
public sealed class TokenRequest
{
    /// <summary>Gets or sets the user name.</summary>
    [Required]
    [StringLength(128, MinimumLength = 1)]
    public string? UserName { get; set; }

    /// <summary>Gets or sets the password.</summary>
    [Required]
    [StringLength(1024, MinimumLength = 1)]
    public string? Password { get; set; }
}
