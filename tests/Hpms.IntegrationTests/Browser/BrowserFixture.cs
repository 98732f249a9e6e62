using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Hpms.Cloud.Domain.Events;
using Hpms.Cloud.Events;
using Hpms.Cloud.Security;
using Hpms.IntegrationTests.Cloud;
using Hpms.IntegrationTests.Infrastructure;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Hpms.IntegrationTests.Browser;

/// <summary>
/// The real hpms-cloud (<see cref="CloudApp"/>) with a technician, a viewer and an engineer who sign in
/// through the page, a cabinet, and headless Debian chromium driven by Playwright (no browser download:
/// the driver ships in the NuGet package). Screenshots go to <c>artifacts/screenshots/</c> under the
/// repository root, which CI keeps.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Debian's chromium.</summary>
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>The technician id the technician user is linked to.</summary>
    public const string TechnicianId = "tech-ana";

    /// <summary>The cabinet every test can see.</summary>
    public const string CabinetId = "cab-1";

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private int _events;

    /// <summary>Gets the running cloud.</summary>
    public CloudApp App { get; private set; } = null!;

    /// <summary>Gets the users that sign in through the page, by role: (name, password).</summary>
    public Dictionary<string, (string Name, string Password)> Users { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the folder screenshots are saved to.</summary>
    public static string ScreenshotDirectory => Path.Combine(PeerTools.RepositoryRoot(), "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        // Locally a missing chromium skips (PeerFact); with CI=true this throws, so the tests fail clearly.
        if (PeerTools.RequireOrSkip(PeerTool.Chromium) is not null)
        {
            return;
        }

        App = await CloudApp.StartAsync();
        using HttpClient admin = await App.ClientAsync(Roles.Admin);
        string[] skills = ["hvac"], zones = ["icu"];
        using JsonDocument technician = await PostAsync(admin, "api/technicians", new { id = TechnicianId, name = "Ana Tech", skills, zones });
        await AddUserAsync(admin, Roles.Technician, "ana", TechnicianId);
        await AddUserAsync(admin, Roles.Viewer, "vera", null);
        await AddUserAsync(admin, Roles.Engineer, "ed", null);
        await App.AddDeviceAsync(CabinetId, "st-mary", "gw-01", "smart-supply-cabinet");

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>A fresh browser context (no shared session storage) and page, desktop size unless given.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, bool mobile = false)
    {
        IBrowserContext context = await _browser!.NewContextAsync(new()
        {
            BaseURL = App.Address.ToString(),
            ViewportSize = new() { Width = width, Height = height },
            IsMobile = mobile,
            HasTouch = mobile,
        });
        context.SetDefaultTimeout((float)s_timeout.TotalMilliseconds);
        IPage page = await context.NewPageAsync();
        List<string> errors = [];
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.Contains("the server responded with a status of", StringComparison.Ordinal))
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        ConsoleErrors[page] = errors;
        return page;
    }

    /// <summary>Gets the script errors and CSP violations each page reported (API error statuses excluded).</summary>
    public Dictionary<IPage, List<string>> ConsoleErrors { get; } = [];

    /// <summary>Opens <c>/</c> (which redirects to the page), signs in as a role's user and waits until every section loaded.</summary>
    public async Task SignInAsync(IPage page, string role)
    {
        ArgumentNullException.ThrowIfNull(page);
        (string name, string password) = Users[role];
        await page.GotoAsync("/");
        await page.GetByLabel("User name").FillAsync(name);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.Locator("body[data-ready='true']").WaitForAsync();
    }

    /// <summary>Saves a full-page screenshot as <c>artifacts/screenshots/{name}.png</c>.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    /// <summary>Creates a work order through the API (engineer) and assigns it to the technician.</summary>
    public async Task<long> AssignedWorkOrderAsync(string assetId, string title)
    {
        using HttpClient engineer = await App.ClientAsync(Roles.Engineer);
        using JsonDocument created = await PostAsync(engineer, "api/workorders", new
        {
            assetId, cause = "filter-dp-high", title, description = "Filter ΔP above 250 Pa.", priority = "P2", skill = "hvac", zone = "icu",
        });
        long id = created.RootElement.GetProperty("id").GetInt64();
        using JsonDocument assigned = await PostAsync(engineer, FormattableString.Invariant($"api/workorders/{id}/assign"), new { technicianId = TechnicianId });
        return id;
    }

    /// <summary>Raises an alarm through the event path (the processor the ingest calls): a cabinet door held open.</summary>
    public async Task<long> RaiseAlarmAsync()
    {
        string eventId = "evt-door-" + Interlocked.Increment(ref _events).ToString(CultureInfo.InvariantCulture);
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var tags = new DeviceTags("st-mary", "north", "icu", "gw-01", "smart-supply-cabinet", CabinetId);
        var e = new DeviceEvent(eventId, "door-open-too-long:cabinet.door:door", tags, EventState.Active, EventSeverity.Warning, now, null,
            new Dictionary<string, double> { ["value"] = 1 }, "Door open for 3 minutes");
        EventProcessor processor = App.Services.GetRequiredService<EventProcessor>();
        await processor.ProcessAsync(new ReceivedEvent(e, EventKind.Parse(e.Kind), $"hpms/v1/st-mary/gw-01/{CabinetId}/event", now), CancellationToken.None);
        return await App.ScalarAsync<long>("SELECT id FROM alarms WHERE event_id = @eventId", new { eventId });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }

    private async Task AddUserAsync(HttpClient admin, string role, string name, string? technicianId)
    {
        string password = Guid.NewGuid().ToString("N");
        using JsonDocument _ = await PostAsync(admin, "api/users", new { name, password, roles = new[] { role }, technicianId });
        Users[role] = (name, password);
    }

    private static async Task<JsonDocument> PostAsync(HttpClient client, string path, object body)
    {
        using HttpResponseMessage response = await client.PostAsJsonAsync(path, body);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text);
    }
}
