using System.Net;
using System.Text.Json;
using Hpms.Cloud.Security;
using Hpms.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Hpms.IntegrationTests.Browser;

/// <summary>
/// The technician and operator page in headless chromium against the real cloud: a technician works a
/// work order to resolved, a viewer finds no unlock button and the API refuses the unlock, an engineer
/// acknowledges an alarm, and a phone-sized screen shows the list without horizontal scrolling.
/// </summary>
public sealed class TechnicianPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [PeerFact(PeerTool.Chromium)]
    public async Task Page_TechnicianAcceptsStartsResolves_WorkOrderResolvedWithNote()
    {
        // The title is markup on purpose: the page must show it as text, not run it.
        const string Title = "Replace filter <img src=x id=xss>";
        const string Note = "Filter replaced; ΔP back to 90 Pa.";
        long id = await fixture.AssignedWorkOrderAsync("ahu-1", Title);
        IPage page = await fixture.NewPageAsync();

        await fixture.SignInAsync(page, Roles.Technician);
        ILocator card = page.Locator($"li.work-order[data-id='{id}']");
        await Assertions.Expect(card.Locator("h3")).ToHaveTextAsync($"#{id} {Title}");
        Assert.Equal(0, await page.Locator("#xss").CountAsync());
        Assert.Equal("My work orders", await page.Locator("#work-orders-title").TextContentAsync());
        Assert.True(await page.Locator("#cabinets").IsHiddenAsync());
        await BrowserFixture.ScreenshotAsync(page, "technician-assigned");

        await card.Locator("button.do-accept").ClickAsync();
        await page.Locator($"li.work-order[data-id='{id}'][data-state='accepted']").WaitForAsync();
        await page.Locator($"li.work-order[data-id='{id}'] button.do-start").ClickAsync();
        await page.Locator($"li.work-order[data-id='{id}'][data-state='in_progress']").WaitForAsync();

        // Resolving without a note is refused on the page before any call.
        await page.Locator($"li.work-order[data-id='{id}'] button.do-resolve").ClickAsync();
        await Assertions.Expect(page.Locator("#message.error")).ToContainTextAsync("note is required");
        await page.Locator($"li.work-order[data-id='{id}'] textarea.note").FillAsync(Note);
        await page.Locator($"li.work-order[data-id='{id}'] button.do-resolve").ClickAsync();
        await page.Locator($"li.work-order[data-id='{id}'][data-state='resolved']").WaitForAsync();
        await Assertions.Expect(page.Locator("#message.info")).ToContainTextAsync("resolve done");
        await BrowserFixture.ScreenshotAsync(page, "technician-resolved");

        using HttpClient engineer = await fixture.App.ClientAsync(Roles.Engineer);
        using JsonDocument view = JsonDocument.Parse(await engineer.GetStringAsync($"api/workorders/{id}"));
        Assert.Equal("resolved", view.RootElement.GetProperty("state").GetString());
        Assert.Equal(Note, view.RootElement.GetProperty("resolutionNote").GetString());
        Assert.Equal(3, await fixture.App.ScalarAsync<long>(
            "SELECT COUNT(*) FROM work_order_transitions WHERE work_order_id = @id AND actor = 'ana' AND to_state IN ('accepted', 'in_progress', 'resolved')", new { id }));
        Assert.Empty(fixture.ConsoleErrors[page]);
    }

    [PeerFact(PeerTool.Chromium)]
    public async Task Page_Viewer_NoUnlockButtonAndApiRefusesUnlock()
    {
        IPage page = await fixture.NewPageAsync();

        await fixture.SignInAsync(page, Roles.Viewer);
        ILocator cabinet = page.Locator($"li.cabinet[data-id='{BrowserFixture.CabinetId}']");
        await Assertions.Expect(cabinet).ToBeVisibleAsync();
        Assert.Equal(0, await cabinet.Locator("button.do-unlock").CountAsync());
        Assert.Equal(0, await page.Locator("button.do-acknowledge, button.do-accept, button.do-start, button.do-resolve").CountAsync());
        await BrowserFixture.ScreenshotAsync(page, "viewer");

        // The server is the authority: the viewer's own token, used by hand from the page, is refused.
        int status = await page.EvaluateAsync<int>(
            """
            async (id) => (await fetch(`/api/devices/${id}/commands/unlock`, {
              method: 'POST',
              headers: { Authorization: `Bearer ${sessionStorage.getItem('hpms.token')}`, 'Content-Type': 'application/json' },
              body: JSON.stringify({ args: { badge: '4711' } }),
            })).status
            """,
            BrowserFixture.CabinetId);
        Assert.Equal((int)HttpStatusCode.Forbidden, status);
        Assert.Equal(0, await fixture.App.ScalarAsync<long>("SELECT COUNT(*) FROM commands"));
    }

    [PeerFact(PeerTool.Chromium)]
    public async Task Page_EngineerAcknowledgesAlarm_AlarmAcknowledgedByEngineer()
    {
        long alarmId = await fixture.RaiseAlarmAsync();
        IPage page = await fixture.NewPageAsync();

        await fixture.SignInAsync(page, Roles.Engineer);
        ILocator card = page.Locator($"li.alarm[data-id='{alarmId}']");
        await Assertions.Expect(card).ToContainTextAsync("Door open for 3 minutes");
        await Assertions.Expect(page.Locator($"li.cabinet[data-id='{BrowserFixture.CabinetId}'] button.do-unlock")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#orders")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "engineer");
        await card.Locator("button.do-acknowledge").ClickAsync();
        await Assertions.Expect(page.Locator("#message.info")).ToContainTextAsync($"Alarm {alarmId} acknowledged");
        await Assertions.Expect(card).ToHaveCountAsync(0);

        using HttpClient viewer = await fixture.App.ClientAsync(Roles.Viewer);
        using JsonDocument alarm = JsonDocument.Parse(await viewer.GetStringAsync($"api/alarms/{alarmId}"));
        Assert.Equal("acknowledged", alarm.RootElement.GetProperty("state").GetString());
        Assert.Equal("ed", alarm.RootElement.GetProperty("acknowledgedBy").GetString());
        Assert.Empty(fixture.ConsoleErrors[page]);
    }

    [PeerFact(PeerTool.Chromium)]
    public async Task Page_PhoneViewport_ListWithoutHorizontalScroll()
    {
        long id = await fixture.AssignedWorkOrderAsync("ahu-phone", "Check fan vibration on the roof air handler, zone velocity above 7.1 mm/s");
        IPage page = await fixture.NewPageAsync(390, 844, mobile: true);

        await fixture.SignInAsync(page, Roles.Technician);
        await Assertions.Expect(page.Locator($"li.work-order[data-id='{id}'] button.do-accept")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "technician-phone");

        int[] widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"the page scrolls sideways on a phone: content {widths[0]} px wide in a {widths[1]} px viewport");
        LocatorBoundingBoxResult? box = await page.Locator($"li.work-order[data-id='{id}']").BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"the card spans {box.X}…{box.X + box.Width} px of 390");
    }

    [PeerFact(PeerTool.Chromium)]
    public async Task Page_WrongPassword_ShowsTheApiError()
    {
        IPage page = await fixture.NewPageAsync();

        await page.GotoAsync("/app");
        await page.GetByLabel("User name").FillAsync("ana");
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.Locator("#message.error")).ToContainTextAsync("Sign-in refused (401)");
        Assert.True(await page.Locator("#work-orders").IsHiddenAsync());
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('hpms.token')"));
    }
}
