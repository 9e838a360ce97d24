using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SafeHome.Data;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using SafeHome.Web.Infrastructure;

namespace SafeHome.IntegrationTests.Security;

/// Issue 15 item 6: every cookie the app sets (session, antiforgery, TempData, deletions included) is Secure,
/// HttpOnly and __Host- prefixed (Path=/, no Domain), over every page each role reaches by following links, the
/// anonymous pages, and the posts that set and clear TempData.
public sealed class CookieCrawlTests
{
    private const int MaxPagesPerRole = 250;

    [Theory, Providers]
    public async Task Every_set_cookie_across_the_crawled_pages_is_secure_http_only_and_host_prefixed(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var seen = new List<(string Where, string Cookie)>();

        // Anonymous: the first-run setup (its post sets TempData, the sign-in page reads and clears it), a password
        // link (the same), a failed sign-in, the error page.
        var anonymous = app.CreateBrowser();
        var token = app.Services.GetRequiredService<FirstRunSetup>().GetOrIssueToken();
        var setup = $"/Account/Setup?token={token}";
        await RecordAsync(seen, "GET " + setup, anonymous.GetAsync(setup));
        await RecordAsync(seen, "POST " + setup, anonymous.SubmitFormAsync(setup, new()
        {
            ["Input.Email"] = "first.admin@example.invalid",
            ["Input.DisplayName"] = "First Admin",
            ["Input.Password"] = SafeHomeApp.Password,
            ["Input.ConfirmPassword"] = SafeHomeApp.Password,
        }));
        await RecordAsync(seen, "GET /Account/Login (reads TempData)", anonymous.GetAsync("/Account/Login"));
        await RecordAsync(seen, "POST /Account/Login (failed)", app.CreateBrowser().SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = "nobody@example.invalid", ["Input.Password"] = "not the password at all" }));
        var linked = await app.CreateStaffAsync(Roles.Counselor);
        var link = await app.PasswordLinkAsync(linked);
        var linkBrowser = app.CreateBrowser();
        await RecordAsync(seen, "POST password link", linkBrowser.SubmitFormAsync(link, new() { ["Input.Password"] = "violet goats hum beside the crooked mill", ["Input.ConfirmPassword"] = "violet goats hum beside the crooked mill" }));
        await RecordAsync(seen, "GET /Account/Login after the link", linkBrowser.GetAsync("/Account/Login"));
        await RecordAsync(seen, "GET /Error", anonymous.GetAsync("/Error"));
        await RecordAsync(seen, "GET /no-such-page", anonymous.GetAsync("/no-such-page"));

        // Every role: sign in (the session cookie), crawl, then an admin post that sets TempData, then sign out.
        var (counselor, counselorBrowser) = await app.SignInNewAsync(Roles.Counselor);
        await app.CreateResidentAsync(counselor.Id);
        var browsers = new Dictionary<string, HttpClient>
        {
            [Roles.Counselor] = counselorBrowser,
            [Roles.Admin] = await SignInRecordingAsync(app, Roles.Admin, seen),
            [Roles.ProgramDirector] = await SignInRecordingAsync(app, Roles.ProgramDirector, seen),
            [Roles.Auditor] = await SignInRecordingAsync(app, Roles.Auditor, seen),
        };
        var crawled = new Dictionary<string, int>();
        foreach (var (role, browser) in browsers)
        {
            crawled[role] = await CrawlAsync(browser, role, seen);
        }

        var admin = browsers[Roles.Admin];
        var created = await admin.SubmitFormAsync("/Admin/Staff/Create", new()
        {
            ["Input.Email"] = "cookie.check@example.invalid",
            ["Input.DisplayName"] = "Cookie Check",
            ["Input.Role"] = Roles.Counselor,
        });
        await RecordAsync(seen, "POST /Admin/Staff/Create (sets TempData)", Task.FromResult(created));
        await RecordAsync(seen, "GET the created account (reads TempData)", admin.GetAsync(created.Location()));
        foreach (var (role, browser) in browsers)
        {
            await RecordAsync(seen, $"{role} POST /Account/Logout", browser.SubmitFormAsync("/Account/Logout", new()));
        }

        // The crawl must have reached real pages, and the cookies the issue names must have been seen.
        Assert.All(crawled, c => Assert.True(c.Value >= 5, $"{c.Key} reached only {c.Value} pages"));
        foreach (var name in new[] { "__Host-SafeHome=", "__Host-Antiforgery=", "__Host-TempData=" })
        {
            Assert.Contains(seen, s => s.Cookie.StartsWith(name, StringComparison.Ordinal));
        }

        var failures = seen.SelectMany(s => Problems(s.Cookie).Select(p => $"{s.Where}: {s.Cookie.Split(';')[0].Split('=')[0]} {p}")).Distinct().ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static IEnumerable<string> Problems(string cookie)
    {
        var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
        if (!attributes.Contains("secure"))
        {
            yield return "is not Secure";
        }

        if (!attributes.Contains("httponly"))
        {
            yield return "is not HttpOnly";
        }

        if (!cookie.StartsWith("__Host-", StringComparison.Ordinal))
        {
            yield return "has no __Host- prefix";
        }

        if (!attributes.Contains("path=/") || attributes.Any(a => a.StartsWith("domain", StringComparison.Ordinal)))
        {
            yield return "is not Path=/ without Domain";
        }
    }

    private static async Task<HttpClient> SignInRecordingAsync(SafeHomeApp app, string role, List<(string, string)> seen)
    {
        var member = await app.CreateStaffAsync(role);
        var browser = app.CreateBrowser();
        await RecordAsync(seen, $"{role} GET /Account/Login", browser.GetAsync("/Account/Login"));
        var response = await browser.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = member.Email, ["Input.Password"] = SafeHomeApp.Password });
        response.AssertRedirectTo("/Account/LoginWith2fa");
        await RecordAsync(seen, $"{role} POST /Account/Login", Task.FromResult(response));
        var code = await browser.SubmitFormAsync(response.Location(), new() { ["Input.Code"] = app.NextCode(member.Email) });
        code.AssertRedirectTo("/");
        await RecordAsync(seen, $"{role} POST /Account/LoginWith2fa", Task.FromResult(code));
        return browser;
    }

    // Breadth-first over same-site links (GETs change nothing, SECURITY.md I4); sign-out is left to the end.
    private static async Task<int> CrawlAsync(HttpClient browser, string role, List<(string, string)> seen)
    {
        var queue = new Queue<string>(["/"]);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var ok = 0;
        while (queue.Count > 0 && visited.Count < MaxPagesPerRole)
        {
            var url = queue.Dequeue();
            if (!visited.Add(url))
            {
                continue;
            }

            var response = await browser.GetAsync(url);
            await RecordAsync(seen, $"{role} GET {url}", Task.FromResult(response));
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            ok++;
            var page = await HtmlForms.ParseAsync(response);
            foreach (var href in page.QuerySelectorAll("a[href]").Select(a => WebUtility.HtmlDecode(a.GetAttribute("href") ?? string.Empty)))
            {
                var target = href.Split('#')[0];
                if (target.StartsWith('/') && !target.StartsWith("//", StringComparison.Ordinal)
                    && !target.StartsWith("/Account/Logout", StringComparison.OrdinalIgnoreCase) && !visited.Contains(target))
                {
                    queue.Enqueue(target);
                }
            }
        }

        return ok;
    }

    private static async Task RecordAsync(List<(string, string)> seen, string where, Task<HttpResponseMessage> send)
    {
        var response = await send;
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            seen.AddRange(cookies.Select(c => (where, c)));
        }
    }
}
