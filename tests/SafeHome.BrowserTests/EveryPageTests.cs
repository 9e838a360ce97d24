using System.Globalization;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using SafeHome.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SafeHome.BrowserTests;

/// Every page each role can reach, at a desk width and a phone width, on the invented demo program with a youth
/// reported missing (so the red alert banner is on every page): the page fits the screen, axe finds no serious or
/// critical fault, drop-downs show their arrow and ticked boxes their tick, and the browser refuses nothing the page
/// asked for. Pages are found by following links from the start page, as a person clicking around would.
public sealed partial class EveryPageTests
{
    private const int PagesPerRole = 120;

    static EveryPageTests() => SetDefaultExpectTimeout(15_000);

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(375, 740)]
    public async Task Every_page_fits_the_screen_passes_axe_and_draws_its_controls(int width, int height)
    {
        var cancellation = TestContext.Current.CancellationToken;
        // The overdue-alert job every minute instead of every five: the banner is up before the counselor's walk ends.
        await using var server = await SafeHomeServer.StartAsync(cancellation, seedDemo: true, new Dictionary<string, string> { ["Jobs:MissingAlertsCron"] = "* * * * *" });
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots", width.ToString(CultureInfo.InvariantCulture));
        if (Directory.Exists(screenshots))
        {
            Directory.Delete(screenshots, recursive: true);
        }

        Directory.CreateDirectory(screenshots);
        var findings = new Findings();

        foreach (var role in new[] { "counselor", "director", "auditor", "admin" })
        {
            var context = await browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString(), ViewportSize = new() { Width = width, Height = height } });
            var page = await context.NewPageAsync();
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    findings.Add(page.Url, $"console error: {message.Text}");
                }
            };
            page.PageError += (_, error) => findings.Add(page.Url, $"script error: {error}");
            try
            {
                await SignInAsync(page, server, $"demo.{role}@example.invalid");
                if (role == "counselor")
                {
                    await ReportFirstResidentMissingAsync(page);

                    // Today shows the youth missing now, with the next notification as a running clock.
                    await page.GotoAsync("/");
                    var clock = page.Locator("#today-residents tr[data-state='MissingNow'] [data-clock-text]");
                    await Expect(clock).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\s*· (in|overdue by) \d+ (h \d{2} )?min\s*$"));
                }
                else if (role == "director")
                {
                    // The alert job has run by now (or within its minute): every page of this walk carries the banner.
                    for (var wait = 0; wait < 90 && !await page.Locator("#missing-alerts").IsVisibleAsync(); wait += 5)
                    {
                        await Task.Delay(5_000, cancellation);
                        await page.ReloadAsync();
                    }

                    await Expect(page.Locator("#missing-alerts")).ToBeVisibleAsync();
                }

                var visited = await CrawlAsync(page, server, role, screenshots, findings);
                Assert.True(visited >= 5, $"Only {visited} pages were reached as the {role}.");
                TestContext.Current.SendDiagnosticMessage($"{width} px, {role}: {visited} pages");
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                throw new InvalidOperationException($"As the {role} at {page.Url}: {ex.Message}{Environment.NewLine}--- SafeHome output ---{Environment.NewLine}{server.Output}", ex);
            }
            finally
            {
                await context.CloseAsync();
            }
        }

        Assert.True(findings.SelectsSeen > 0, "No drop-down was found on any page, so their arrows went untested.");
        Assert.True(findings.CheckboxesSeen > 0, "No checkbox was found on any page, so their ticks went untested.");
        Assert.True(findings.Problems.Count == 0, $"{findings.Problems.Count} problems at {width} px (screenshots in {screenshots}):{Environment.NewLine}{string.Join(Environment.NewLine, findings.Problems)}");
    }

    internal static async Task SignInAsync(IPage page, SafeHomeServer server, string email)
    {
        var (password, key) = server.DemoAccounts[email];
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByLabel("Code from your authenticator app", new() { Exact = true }).FillAsync(new AuthenticatorApp(key).NextCode());
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Each role opens on a start page of its own, with its own heading (on a phone "Sign out" sits in the menu).
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/$"));
        await Expect(page.Locator("main h1")).ToBeVisibleAsync();
    }

    /// The missing-episode journey's first step, typed as a counselor would: the episode opens, the person is told so
    /// once, and from then on the alert banner is on every page of everyone's visit.
    private static async Task ReportFirstResidentMissingAsync(IPage page)
    {
        await page.GotoAsync("/Residents");
        await page.Locator("#residents tbody tr a").First.ClickAsync();
        await page.Locator("#report-missing").ClickAsync();
        // Times are typed as every page prints them (a text field, not the browser's locale picker); "Now" writes the
        // home's current time in that form.
        var lastSeen = page.Locator("#Input_LastSeenUtc");
        Assert.Equal("text", await lastSeen.GetAttributeAsync("type"));
        await Expect(page.Locator("#Input_LastSeenUtc-format")).ToContainTextAsync("24-hour");
        await page.Locator("button[data-now-for=Input_LastSeenUtc]").ClickAsync();
        var stamped = DateTime.ParseExact(await lastSeen.InputValueAsync(), "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        Assert.InRange(stamped, DateTime.Now.AddMinutes(-2), DateTime.Now.AddMinutes(1));

        // Discovered hours ago and only reported now, so the first notifications are already overdue.
        var now = DateTime.Now;
        await lastSeen.FillAsync(now.AddHours(-9).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        await page.Locator("#Input_DiscoveredMissingUtc").FillAsync(now.AddHours(-8).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        await page.Locator("#Input_DeterminedMissingUtc").FillAsync(now.AddHours(-7).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the episode" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The episode is open" })).ToHaveCountAsync(1);
    }

    private static async Task<int> CrawlAsync(IPage page, SafeHomeServer server, string role, string screenshots, Findings findings)
    {
        var origin = server.BaseAddress.GetLeftPart(UriPartial.Authority);
        var queue = new Queue<string>(["/"]);
        var seenShapes = new HashSet<string>(StringComparer.Ordinal);
        var visited = 0;
        while (queue.Count > 0 && visited < PagesPerRole)
        {
            var address = queue.Dequeue();
            IResponse? response;
            try
            {
                response = await page.GotoAsync(address);
            }
            catch (PlaywrightException ex) when (ex.Message.StartsWith("Download is starting", StringComparison.Ordinal))
            {
                // A file (an export), not a page.
                continue;
            }

            visited++;
            var where = $"{role} {address}";
            if (response is null || response.Status >= 400)
            {
                findings.Add(where, $"answered {response?.Status}");
                continue;
            }

            await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, $"{role}-{visited:000}-{Slug(address)}.png"), FullPage = true });
            var fit = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, window.innerWidth]");
            if (fit[0] > fit[1])
            {
                // Name the outermost elements that stick out, so the finding says what to fix.
                var wide = await page.EvaluateAsync<string[]>(
                    """
                    () => Array.from(document.querySelectorAll('body *'))
                        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !(e.parentElement && e.parentElement.getBoundingClientRect().right > window.innerWidth + 1))
                        .slice(0, 3)
                        .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${Array.from(e.classList).join('.')} (${Math.round(e.getBoundingClientRect().right)} px)`)
                    """);
                findings.Add(where, $"is {fit[0]} px wide in a {fit[1]} px window: {string.Join(", ", wide)}");
            }

            await CheckControlsAsync(page, where, findings);
            await CheckMenuAsync(page, where, findings);
            var axe = await page.RunAxe();
            foreach (var violation in axe.Violations.Where(v => v.Impact is "serious" or "critical"))
            {
                var nodes = string.Join("; ", violation.Nodes.Take(3).Select(n => n.Html));
                findings.Add(where, $"axe {violation.Impact} {violation.Id}: {violation.Help} — {nodes}");
            }

            var links = await page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('a[href]:not([download])'), a => a.href)");
            foreach (var link in links)
            {
                if (!link.StartsWith(origin, StringComparison.Ordinal))
                {
                    continue;
                }

                var local = link[origin.Length..].Split('#')[0];
                if (local.Length == 0 || Skipped().IsMatch(local) || !seenShapes.Add(Shape(local)))
                {
                    continue;
                }

                queue.Enqueue(local);
            }
        }

        return visited;
    }

    /// The drop-down arrow and the checkbox tick are background images: each must be set and must actually load
    /// under the page's Content-Security-Policy (a blocked image leaves a plain box).
    private static async Task CheckControlsAsync(IPage page, string where, Findings findings)
    {
        var images = await page.EvaluateAsync<string?[]>(
            """
            () => {
                const select = document.querySelector('select.form-select:not([multiple])');
                const box = document.querySelector('input.form-check-input[type=checkbox]');
                let tick = null;
                if (box) {
                    const was = box.checked;
                    box.checked = true;
                    tick = getComputedStyle(box).backgroundImage;
                    box.checked = was;
                }
                return [select ? getComputedStyle(select).backgroundImage : null, tick];
            }
            """);
        foreach (var (image, what) in new[] { (images[0], "drop-down arrow"), (images[1], "checkbox tick") })
        {
            if (image is null)
            {
                continue;
            }

            if (what == "drop-down arrow")
            {
                findings.SelectsSeen++;
            }
            else
            {
                findings.CheckboxesSeen++;
            }

            var url = Regex.Match(image, "url\\(\"?(?<u>[^\")]+)\"?\\)").Groups["u"].Value;
            var loads = url.Length > 0 && await page.EvaluateAsync<bool>(
                "u => new Promise(done => { const i = new Image(); i.onload = () => done(i.naturalWidth > 0); i.onerror = () => done(false); i.src = u; })", url);
            if (!loads)
            {
                findings.Add(where, $"the {what} does not show (background-image: {image[..Math.Min(image.Length, 80)]})");
            }
        }
    }

    /// From 1200 px the menu is one row with "Sign out" on one line; below that it is one "Menu" button that opens it.
    private static async Task CheckMenuAsync(IPage page, string where, Findings findings)
    {
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        var toggle = menu.GetByRole(AriaRole.Button, new() { Name = "Menu" });
        if (page.ViewportSize!.Width >= 1200)
        {
            var rows = await menu.EvaluateAsync<int>(
                """
                n => {
                    const boxes = Array.from(n.querySelectorAll('.nav-link, button')).filter(e => e.checkVisibility()).map(e => e.getBoundingClientRect());
                    // Items on one row overlap vertically; each item starting below every earlier one's middle opens a row.
                    let rows = 0, bottom = -1;
                    for (const b of boxes.sort((x, y) => x.top - y.top)) { if (b.top >= bottom) { rows++; } bottom = Math.max(bottom, b.top + b.height / 2); }
                    return rows;
                }
                """);
            var signOut = await menu.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).EvaluateAsync<double[]>("b => [b.getBoundingClientRect().height, parseFloat(getComputedStyle(b).lineHeight)]");
            if (rows != 1 || signOut[0] > (signOut[1] * 1.5) + 12)
            {
                findings.Add(where, $"the menu takes {rows} rows at {page.ViewportSize.Width} px (Sign out is {signOut[0]:0} px tall)");
            }
        }
        else
        {
            var signOut = menu.GetByRole(AriaRole.Button, new() { Name = "Sign out" });
            if (await signOut.IsVisibleAsync() || !await toggle.IsVisibleAsync())
            {
                findings.Add(where, "the menu does not fold into a Menu button on a narrow screen");
                return;
            }

            await toggle.ClickAsync();
            if (!await signOut.IsVisibleAsync() || await toggle.GetAttributeAsync("aria-expanded") != "true")
            {
                findings.Add(where, "the Menu button does not open the menu");
            }

            await toggle.ClickAsync();
        }
    }

    /// The page a link opens, without its ids and query: each kind of page is visited once per role.
    private static string Shape(string local) => Ids().Replace(local.Split('?')[0], "{id}");

    private static string Slug(string address) => string.Concat(Ids().Replace(address, "id").Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')).Trim('-') is { Length: > 0 } slug ? slug[..Math.Min(slug.Length, 60)] : "start";

    // Sign-out, downloads and the Hangfire dashboard (its own pages, not SafeHome's) are not part of the walk.
    [GeneratedRegex("^/(hangfire|Account/Logout)|[?&]handler=(Download|Progress|Pdf)|/Download", RegexOptions.IgnoreCase)]
    private static partial Regex Skipped();

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|(?<=/)\\d+(?=/|$|\\?)")]
    private static partial Regex Ids();

    private sealed class Findings
    {
        public List<string> Problems { get; } = [];

        public int SelectsSeen { get; set; }

        public int CheckboxesSeen { get; set; }

        public void Add(string where, string problem)
        {
            lock (Problems)
            {
                Problems.Add($"{where}: {problem}");
            }
        }
    }
}
