using Hpms.Cloud.Security;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Hpms.Cloud.Api;

/// <summary>Declares the API's two security schemes (bearer JWT and <c>X-Api-Key</c>) and requires one of them everywhere.</summary>
public sealed class SecuritySchemesTransformer : IOpenApiDocumentTransformer
{
    /// <summary>Name of the bearer scheme in the document.</summary>
    public const string BearerScheme = "Bearer";

    /// <inheritdoc/>
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A token from POST /api/auth/token.",
        };
        document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = "An API key from POST /api/apikeys or Auth:ApiKeys.",
        };
        document.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, document)] = [] },
        ];
        return Task.CompletedTask;
    }
}
