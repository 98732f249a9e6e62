using Hpms.Cloud.Web;

namespace Hpms.Cloud.Hosting;

/// <summary>Wires the technician and operator page (<c>/app</c>) and <c>/api/me</c>.</summary>
public static class WebExtensions
{
    /// <summary>Maps the page and <c>/api/me</c>. Call after <c>MapCloudApi</c> (authentication middleware).</summary>
    /// <param name="app">The application.</param>
    /// <returns>The application.</returns>
    public static WebApplication MapCloudWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapWebEndpoints();
        return app;
    }
}
