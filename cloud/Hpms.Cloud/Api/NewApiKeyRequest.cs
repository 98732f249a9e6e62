using System.ComponentModel.DataAnnotations;

namespace Hpms.Cloud.Api;

/// <summary>Body of <c>POST /api/apikeys</c>.</summary>
public sealed class NewApiKeyRequest
{
    /// <summary>Gets or sets the key's name (the actor in the audit log).</summary>
    [Required]
    [StringLength(128, MinimumLength = 1)]
    public string? Name { get; set; }

    /// <summary>Gets or sets the roles.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(5)]
    public IReadOnlyList<string>? Roles { get; set; }
}
