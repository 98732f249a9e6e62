using Hpms.Cloud.Api;
using Hpms.Cloud.Operations;
using Hpms.Cloud.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Hosting;

/// <summary>
/// Wires the REST API's shared plumbing: authentication (JWT bearer or <c>X-Api-Key</c>, picked by a policy
/// scheme), the authorization policies of <see cref="Policies"/>, problem details for every error
/// (401 and 403 included), the body size limit, the OpenAPI document, and the auth, device and audit endpoints.
/// </summary>
public static class ApiExtensions
{
    /// <summary>The policy scheme that forwards to the API-key handler when the header is present, else to JWT bearer.</summary>
    public const string Scheme = "hpms";

    /// <summary>Adds authentication, authorization, problem details, OpenAPI and the credential store.</summary>
    /// <param name="builder">The host builder.</param>
    /// <returns>The builder.</returns>
    public static IHostApplicationBuilder AddCloudApi(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IServiceCollection services = builder.Services;
        services.AddOptions<AuthOptions>().Bind(builder.Configuration.GetSection(AuthOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddOptions<ApiOptions>().Bind(builder.Configuration.GetSection(ApiOptions.Section));
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ApiOptions>>((kestrel, api) => kestrel.Limits.MaxRequestBodySize = api.Value.MaxBodyBytes);
        services.AddSingleton(sp => JwtSigningKey.Load(sp.GetRequiredService<IOptions<AuthOptions>>().Value));
        services.AddSingleton<CredentialStore>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<SignInService>();
        services.AddSingleton<SecurityMetrics>();
        services.AddSingleton<IMetricsSource>(sp => sp.GetRequiredService<SecurityMetrics>());
        services.AddHostedService<CredentialBootstrapService>();

        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "JWT bearer or API key", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName) ? ApiKeyAuthenticationHandler.SchemeName : JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>, JwtSigningKey>((jwt, auth, key) =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = TokenIssuer.ValidationParameters(auth.Value, key);
            });

        services.AddAuthorization(o =>
        {
            foreach ((string policy, string[] roles) in Policies.RolesOf)
            {
                o.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
            }

            // An endpoint that forgot its policy is still closed to anonymous callers.
            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });

        services.AddProblemDetails();

        // A body minimal-API binding cannot read ([FromBody] records) is the client's 400 problem in every
        // environment. Development's default (throw) made it a 500 from the exception handler: found by fuzzing.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        services.AddOpenApi(o => o.AddDocumentTransformer<SecuritySchemesTransformer>());
        return builder;
    }

    /// <summary>
    /// Adds the middleware (exception handler and status-code pages as problem details, authentication,
    /// authorization) and maps the OpenAPI document (anonymous, <c>/openapi/v1.json</c>) and the auth,
    /// device and audit endpoints. Call before mapping the other areas' endpoints.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <returns>The application.</returns>
    public static WebApplication MapCloudApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi().AllowAnonymous();
        app.MapAuthEndpoints();
        app.MapDeviceEndpoints();
        app.MapAuditEndpoints();
        return app;
    }
}
