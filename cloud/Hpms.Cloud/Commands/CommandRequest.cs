using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace Hpms.Cloud.Commands;

/// <summary>Body of <c>POST /api/devices/{id}/commands/{name}</c> (optional when the command takes no arguments).</summary>
public sealed class CommandRequest
{
    /// <summary>Gets or sets the arguments by name: numbers or short strings (see <see cref="CommandCatalog"/>).</summary>
    [MaxLength(8)]
    public Dictionary<string, JsonElement>? Args { get; set; }
}
