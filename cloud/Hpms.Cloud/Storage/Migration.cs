namespace Hpms.Cloud.Storage;

/// <summary>One schema step: <c>Storage/Migrations/NNNN_name.sql</c>, written once for both databases.</summary>
/// <param name="Version">The number NNNN (applied in ascending order, once).</param>
/// <param name="Name">The file's name without the number.</param>
/// <param name="Script">SQL with dialect placeholders.</param>
public sealed record Migration(int Version, string Name, string Script);
