namespace Hpms.Cloud.Api;

/// <summary>A created API key: the only time its text is shown.</summary>
/// <param name="Id">Key id.</param>
/// <param name="Name">Key name.</param>
/// <param name="Roles">Roles.</param>
/// <param name="Key">The key (send it as <c>X-Api-Key</c>); only its hash is stored.</param>
public sealed record NewApiKeyResponse(string Id, string Name, IReadOnlyList<string> Roles, string Key);
