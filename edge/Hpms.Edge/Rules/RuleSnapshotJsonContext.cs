using System.Text.Json.Serialization;

namespace Hpms.Edge.Rules;

/// <summary>Source-generated JSON for snapshots, so a trimmed gateway can still persist its rule state.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(RuleSnapshotDocument))]
internal sealed partial class RuleSnapshotJsonContext : JsonSerializerContext;
