using System.Text.Json.Serialization;

namespace Hpms.Edge.Operations;

/// <summary>Source-generated JSON for the health document, so a trimmed gateway still answers <c>/health</c>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(HealthDocument))]
internal sealed partial class OperationsJsonContext : JsonSerializerContext;
