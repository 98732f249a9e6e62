namespace Hpms.Cloud.Hosting;

/// <summary>
/// The composition of hpms-cloud, used by <c>Program.cs</c> and by the integration tests (which start
/// the same application on a free loopback port): each feature's <c>Add…</c> and <c>Map…</c> in order.
/// </summary>
public static class CloudApplication
{
    /// <summary>Builds the application from command-line arguments (<c>--urls</c>, <c>--Section:Key=value</c>).</summary>
    /// <param name="args">Arguments.</param>
    /// <returns>The application, not started.</returns>
    public static WebApplication Build(string[] args)
    {
        // Options are validated once at start-up, so watching appsettings for changes buys nothing; and the watcher
        // covers the content root recursively, where it woke on every write of a queue under the working folder
        // (3 % of the ingest's CPU under load).
        WebApplicationBuilder builder = WebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);
        builder.AddCloudStorage().AddCloudEvents();
        builder.AddCloudOperations().AddCloudApi().AddCloudCommands();
        builder.AddCloudIngest().AddCloudSupply().AddCloudWorkOrders().AddCloudMaintenance();
        WebApplication app = builder.Build();
        app.MapCloudOperations();
        app.MapCloudApi();
        app.MapCloudCommands();
        app.MapSupplyEndpoints();
        app.MapWorkOrderEndpoints();
        app.MapCloudWeb();
        return app;
    }
}
