namespace Hpms.Cloud.Api;

/// <summary>A JSON body read and validated, or the problem response explaining why not.</summary>
/// <typeparam name="T">The body type.</typeparam>
/// <param name="Value">The body, when valid.</param>
/// <param name="Problem">The 400/413/415 problem response, when not.</param>
public sealed record BodyResult<T>(T? Value, IResult? Problem)
    where T : class
{
    /// <summary>Gets a value indicating whether the body is valid.</summary>
    public bool IsValid => Problem is null && Value is not null;
}
