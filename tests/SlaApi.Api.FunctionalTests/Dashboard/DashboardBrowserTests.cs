using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using SlaApi.Api.FunctionalTests.Common;
using SlaApi.Domain.Access;
using SlaApi.TestSupport;

namespace SlaApi.Api.FunctionalTests.Dashboard;

/// <summary>
/// The dashboard in headless Chromium (Debian's, through Playwright) against the API on Kestrel, on seeded data: two
/// customers with October and November clocks, met and breached. The browser's clock and zone are the API's.
/// </summary>
[NonParallelizable]
public sealed class DashboardBrowserTests
{
    private const string RequireBrowserVariable = "SLAAPI_REQUIRE_BROWSER";
    private const string TimeZone = "America/New_York";
    private static readonly DateTimeOffset Now = ApiTest.Now;

    private SlaApiFactory _factory = null!;
    private HttpClient _admin = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private string _adminKey = null!;
    private string _acmeKey = null!;
    private string _acmeId = null!;
    private string _dashboard = null!;

    [OneTimeSetUp]
    public async Task StartApiAndBrowser()
    {
        var chromium = Environment.GetEnvironmentVariable("SLAAPI_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            TestEngines.SkipUnlessRequired(
                $"The dashboard's browser tests need Chromium at {chromium} (Debian package 'chromium', or set SLAAPI_CHROMIUM).", RequireBrowserVariable);
        }

        var database = await TestDatabase.CreateMigratedAsync(TestEngine.Sqlite);
        _factory = new SlaApiFactory(database, new FakeTimeProvider(Now));
        _factory.UseKestrel(LoopbackPorts.Free());
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _dashboard = $"{address.TrimEnd('/')}/dashboard/";

        _adminKey = await _factory.IssueKeyAsync([Scopes.Admin]);
        _admin = new HttpClient { BaseAddress = new Uri(address) };
        _admin.DefaultRequestHeaders.Authorization = new("Bearer", _adminKey);
        await SeedAsync();

        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            ChromiumSandbox = false,
            Args = ["--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_browser is not null)
            await _browser.CloseAsync();
        _playwright?.Dispose();
        _admin?.Dispose();
        if (_factory is not null)
            await _factory.DisposeAsync();
    }

    [Test]
    public async Task Queue_ListsTheIncidentsInTheApisOrder_AndMarksTheBreached()
    {
        var page = await OpenWithKeyAsync(_adminKey);

        var expected = (await _admin.GetFromJsonAsync<JsonArray>("/api/v1/queue?limit=100"))!;
        expected.Count.Should().BeGreaterThan(2);
        await Assertions.Expect(page.Locator("#queue tbody tr")).ToHaveCountAsync(expected.Count);
        (await page.Locator("#queue tbody tr td:first-child").AllTextContentsAsync())
            .Should().Equal(expected.Select(item => item!["incident"]!["externalId"]!.GetValue<string>()));
        var breached = page.Locator("#queue tbody tr.breached");
        (await breached.CountAsync()).Should().Be(expected.Count(item => item!["clock"]!["breachedAt"] is not null)).And.BeGreaterThan(0);
        await Assertions.Expect(breached.First).ToContainTextAsync("Breached");
        await Assertions.Expect(breached.First).ToContainTextAsync("45m late");

        page.Url.Should().NotContain(_adminKey, "the key never travels in a URL");
        (await page.EvaluateAsync<string>("sessionStorage.getItem('slaapi.key')")).Should().Be(_adminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Forget key" }).ClickAsync();
        (await page.EvaluateAsync<string?>("sessionStorage.getItem('slaapi.key')")).Should().BeNull();
    }

    [Test]
    public async Task ComplianceChart_ShowsTheReportsFigures_AndIsReachedByKeyboard()
    {
        var page = await OpenWithKeyAsync(_adminKey);

        await page.GetByRole(AriaRole.Button, new() { Name = "Compliance" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#compliance")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#compliance-chart rect.bar")).Not.ToHaveCountAsync(0);

        var report = (await _admin.GetFromJsonAsync<JsonObject>(
            $"/api/v1/reports/compliance?from=2026-06-01T00:00:00Z&to=2026-12-01T00:00:00Z&timeZone={TimeZone}&groupBy=customer,period&period=month"))!;
        var expected = report["rows"]!.AsArray()
            .Where(r => r!["compliancePercent"] is not null)
            .Select(r => $"{r!["customerId"]} {r["periodStart"]!.GetValue<string>()[..7]} {Percent(r["compliancePercent"]!.GetValue<double>())}")
            .ToArray();
        expected.Should().HaveCountGreaterThan(2, "both customers have clocks in October and in November");
        var shown = await page.Locator("#compliance-chart rect.bar").EvaluateAllAsync<string[]>(
            "bars => bars.map(b => `${b.dataset.customerId} ${b.dataset.month} ${b.dataset.percent}`)");
        shown.Select(s => s.Split(' ')).Select(p => $"{p[0]} {p[1]} {Percent(double.Parse(p[2], CultureInfo.InvariantCulture))}")
            .Should().BeEquivalentTo(expected);
    }

    [TestCase("Breaches", "breaches", "/api/v1/reports/breaches?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&pageSize=200")]
    [TestCase("Credits", "credits", "/api/v1/reports/credits?month=2026-11&timeZone=America/New_York")]
    [TestCase("Renewals", "renewals", "/api/v1/reports/renewals?withinDays=60")]
    public async Task ReportViews_ShowTheRowsTheirReportGives(string view, string panel, string report)
    {
        var page = await OpenWithKeyAsync(_adminKey);

        await page.GetByRole(AriaRole.Button, new() { Name = view }).ClickAsync();

        var rows = (await _admin.GetFromJsonAsync<JsonObject>(report))!["rows"]!.AsArray();
        rows.Should().NotBeEmpty();
        await Assertions.Expect(page.Locator($"#{panel} tbody tr")).ToHaveCountAsync(rows.Count);
    }

    [TestCase("Queue")]
    [TestCase("Compliance")]
    [TestCase("Breaches")]
    [TestCase("Credits")]
    [TestCase("Renewals")]
    public async Task EveryView_PassesAxesWcagAaChecks(string view)
    {
        var page = await OpenWithKeyAsync(_adminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = view }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToHaveAttributeAsync("aria-busy", "false");

        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });

        result.Passes.Should().NotBeEmpty("axe ran its rules on the page");
        result.Violations.Select(v => $"{v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}").Should().BeEmpty();
    }

    [Test]
    public async Task WrongKey_SaysClearlyThatTheKeyWasRefused()
    {
        var page = await OpenWithKeyAsync("sla_000000000000_not-a-key");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The key was refused");
        await Assertions.Expect(page.Locator("#queue tbody tr")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task CustomerKey_SeesThatCustomerOnly_OnAPhone()
    {
        var page = await OpenWithKeyAsync(_acmeKey, new ViewportSize { Width = 375, Height = 740 });

        await Assertions.Expect(page.Locator("#queue tbody tr").First).ToBeVisibleAsync();
        (await page.Locator("#queue tbody tr td:nth-child(2)").AllTextContentsAsync()).Should().OnlyContain(name => name == "Acme");
        (await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"))
            .Should().BeTrue("the page fits a phone's width; wide tables scroll inside their own box");

        await page.GetByRole(AriaRole.Button, new() { Name = "Compliance" }).ClickAsync();
        await Assertions.Expect(page.Locator("#compliance-chart rect.bar")).Not.ToHaveCountAsync(0);
        (await page.Locator("#compliance-chart rect.bar").EvaluateAllAsync<string[]>("bars => bars.map(b => b.dataset.customerId)"))
            .Should().OnlyContain(id => id == _acmeId);
    }

    private async Task<IPage> OpenWithKeyAsync(string key, ViewportSize? viewport = null)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { TimezoneId = TimeZone, ViewportSize = viewport });
        var page = await context.NewPageAsync();
        await page.Clock.SetFixedTimeAsync(Now.UtcDateTime);
        await page.GotoAsync(_dashboard);
        await page.GetByLabel("API key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Use key" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToHaveAttributeAsync("aria-busy", "false");
        return page;
    }

    private static string Percent(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Acme and Globex on the Gold policy: a met and a breached October, and November incidents open now.</summary>
    private async Task SeedAsync()
    {
        var calendarId = await _admin.CreateAsync("/api/v1/calendars", Definitions.OfficeHoursNewYork());
        var policyId = await _admin.CreateAsync("/api/v1/policies", Definitions.Policy(calendarId));
        _acmeId = await _admin.CreateAsync("/api/v1/customers", Definitions.Customer("Acme", id: "250"));
        var globexId = await _admin.CreateAsync("/api/v1/customers", Definitions.Customer("Globex", id: "251"));
        await _admin.CreateAsync("/api/v1/agreements", Definitions.Agreement(_acmeId, policyId));
        await _admin.CreateAsync("/api/v1/agreements", Definitions.Agreement(globexId, policyId));

        await IncidentAsync(_acmeId, "A-OCT", "2026-10-05T14:00:00Z", ("responded", "2026-10-05T14:05:00Z"), ("resolved", "2026-10-05T15:00:00Z"));
        await IncidentAsync(globexId, "G-OCT", "2026-10-06T14:00:00Z", ("responded", "2026-10-06T14:30:00Z"), ("resolved", "2026-10-06T16:00:00Z"));
        await IncidentAsync(globexId, "G-NOV", "2026-11-02T14:00:00Z", ("responded", "2026-11-02T14:10:00Z"), ("resolved", "2026-11-02T15:00:00Z"));
        await IncidentAsync(_acmeId, "A-LATE", "2026-11-25T11:00:00Z");
        await IncidentAsync(_acmeId, "A-SOON", "2026-11-25T11:50:00Z");
        await IncidentAsync(globexId, "G-NOW", "2026-11-25T11:58:00Z");

        _acmeKey = await _factory.IssueKeyAsync([Scopes.SlaRead, Scopes.ReportsRead], Guid.Parse(_acmeId), name: "Acme dashboard");
    }

    private async Task IncidentAsync(string customerId, string externalId, string openedAt, params (string Type, string At)[] events)
    {
        var incidentId = await _admin.CreateAsync("/api/v1/incidents", Definitions.Incident(customerId, externalId, openedAt));
        foreach (var (type, at) in events)
        {
            var response = await _admin.PostAsJsonAsync($"/api/v1/incidents/{incidentId}/events", Definitions.Event($"{externalId}-{type}", type, at));
            response.EnsureSuccessStatusCode();
        }
    }
}
