namespace Hpms.Cloud.Security;

/// <summary>A token handed to a signed-in user.</summary>
/// <param name="AccessToken">The JWT.</param>
/// <param name="TokenType">Always <c>Bearer</c>.</param>
/// <param name="ExpiresIn">Seconds until it expires.</param>
/// <param name="Roles">The roles it carries.</param>
public sealed record IssuedToken(string AccessToken, string TokenType, long ExpiresIn, IReadOnlyList<string> Roles);
