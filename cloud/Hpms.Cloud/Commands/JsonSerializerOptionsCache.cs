using System.Text.Json;

namespace Hpms.Cloud.Commands;

/// <summary>Serializer options shared by the command code (one instance: options cache their metadata).</summary>
internal static class JsonSerializerOptionsCache
{
    /// <summary>Gets web defaults.</summary>
    public static JsonSerializerOptions Web { get; } = new(JsonSerializerDefaults.Web);
}
