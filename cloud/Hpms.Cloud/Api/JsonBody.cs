using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hpms.Cloud.Api;

/// <summary>
/// Reads a JSON request body strictly and validates it: the wrong content type is 415, a body over the
/// size limit 413, malformed JSON, unknown fields or wrong types 400 naming the JSON path, and missing or
/// oversized fields 400 naming the field (DataAnnotations on the body type). All as problem details.
/// </summary>
public static class JsonBody
{
    /// <summary>Gets the serializer options for request bodies (web casing, unknown members refused).</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 8,
    };

    /// <summary>Reads and validates the body.</summary>
    /// <typeparam name="T">The body type (properties with DataAnnotations).</typeparam>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The body or the problem.</returns>
    public static async Task<BodyResult<T>> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            return Fail<T>(TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: "send the body as application/json"));
        }

        T? value;
        try
        {
            value = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            string field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "$" : ex.Path;
            return Fail<T>(Invalid(field, "malformed JSON or a field of the wrong type or name: " + FirstLine(ex.Message)));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Fail<T>(TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large", detail: ex.Message));
        }

        if (value is null)
        {
            return Fail<T>(Invalid("$", "a JSON object is required"));
        }

        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true))
        {
            Dictionary<string, string[]> errors = new(StringComparer.Ordinal);
            foreach (ValidationResult result in results)
            {
                foreach (string member in result.MemberNames.DefaultIfEmpty("$"))
                {
                    string field = JsonNamingPolicy.CamelCase.ConvertName(member);
                    errors[field] = [.. errors.GetValueOrDefault(field, []), result.ErrorMessage ?? "invalid"];
                }
            }

            return Fail<T>(TypedResults.ValidationProblem(errors));
        }

        return new BodyResult<T>(value, null);
    }

    /// <summary>A 400 validation problem naming one field.</summary>
    /// <param name="field">The field (JSON name or path).</param>
    /// <param name="message">What is wrong.</param>
    /// <returns>The problem result.</returns>
    public static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });

    private static BodyResult<T> Fail<T>(IResult problem)
        where T : class => new(null, problem);

    private static string FirstLine(string message)
    {
        int end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
