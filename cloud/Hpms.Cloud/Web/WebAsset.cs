namespace Hpms.Cloud.Web;

/// <summary>One file of the page, held in memory: its bytes and content type.</summary>
/// <param name="Content">The bytes.</param>
/// <param name="ContentType">The content type with charset.</param>
public sealed record WebAsset(ReadOnlyMemory<byte> Content, string ContentType);
