using Hpms.Cloud.Hosting;

// hpms-cloud: composition only; each feature wires itself in Hosting/.
WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.AddCloudStorage().AddCloudEvents();
WebApplication app = builder.Build();
app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
await app.RunAsync().ConfigureAwait(false);
