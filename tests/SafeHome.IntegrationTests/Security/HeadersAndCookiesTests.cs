using Microsoft.AspNetCore.Hosting;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using SafeHome.Data;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Security;

/// SECURITY.md I5 (headers), S2 (the session cookie), I6 (open redirects) and L1 (friendly errors outside
/// Development), checked over real responses instead of a ZAP run.
public sealed class HeadersAndCookiesTests
{
    [Theory, Providers]
    public async Task Every_page_answers_with_the_security_headers_for_every_role(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, counselorBrowser) = await app.SignInNewAsync(Roles.Counselor);
        var resident = await app.CreateResidentAsync(counselor.Id);
        var browsers = new Dictionary<string, HttpClient>
        {
            ["anonymous"] = app.CreateBrowser(),
            [Roles.Admin] = (await app.SignInNewAsync(Roles.Admin)).Browser,
            [Roles.ProgramDirector] = (await app.SignInNewAsync(Roles.ProgramDirector)).Browser,
            [Roles.Counselor] = counselorBrowser,
            [Roles.Auditor] = (await app.SignInNewAsync(Roles.Auditor)).Browser,
        };
        string[] pages = ["/Account/Login", "/", "/Residents", $"/Residents/Details/{resident}", "/Admin/Staff", $"/Residents/Details/{Guid.NewGuid()}", "/no-such-page"];
        var failures = new List<string>();

        foreach (var (who, browser) in browsers)
        {
            foreach (var page in pages)
            {
                var response = await browser.GetAsync(page);
                failures.AddRange(MissingSecurityHeaders(response).Select(problem => $"{who} GET {page} ({(int)response.StatusCode}): {problem}"));
            }
        }

        // A failed sign-in (re-rendered form) and a refused post (no antiforgery token) are pages too.
        var anonymous = browsers["anonymous"];
        var failedLogin = await anonymous.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = "nobody@example.invalid", ["Input.Password"] = "not the password at all" });
        failures.AddRange(MissingSecurityHeaders(failedLogin).Select(problem => $"failed sign-in: {problem}"));
        var tokenless = await browsers[Roles.ProgramDirector].PostAsync("/Residents/Intake", new FormUrlEncodedContent([new("Input.LegalName", "Tokenless Example")]));
        Assert.Equal(HttpStatusCode.BadRequest, tokenless.StatusCode);
        failures.AddRange(MissingSecurityHeaders(tokenless).Select(problem => $"tokenless post: {problem}"));

        var stylesheet = await anonymous.GetAsync("/css/site.css");
        Assert.Equal(HttpStatusCode.OK, stylesheet.StatusCode);
        failures.AddRange(MissingSecurityHeaders(stylesheet, expectNoStore: false).Select(problem => $"stylesheet: {problem}"));

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory, Providers]
    public async Task The_session_cookie_set_at_sign_in_is_host_prefixed_secure_http_only_strict_and_session_only(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var member = await app.CreateStaffAsync(Roles.Counselor);
        var browser = app.CreateBrowser();
        var before = await browser.GetAsync("/Account/Login");
        Assert.DoesNotContain(SetCookies(before), cookie => cookie.StartsWith("__Host-SafeHome", StringComparison.Ordinal));

        var password = await browser.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = member.Email, ["Input.Password"] = SafeHomeApp.Password });
        Assert.DoesNotContain(SetCookies(password), c => c.StartsWith("__Host-SafeHome=", StringComparison.Ordinal));
        var response = await browser.SubmitFormAsync(password.Location(), new() { ["Input.Code"] = app.NextCode(member.Email) });

        response.AssertRedirectTo("/");
        var cookie = Assert.Single(SetCookies(response), c => c.StartsWith("__Host-SafeHome=", StringComparison.Ordinal));
        Assert.StartsWith("__Host-SafeHome=", cookie, StringComparison.Ordinal);
        var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("path=/", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain", StringComparison.Ordinal));
        Assert.DoesNotContain(attributes, a => a.StartsWith("expires", StringComparison.Ordinal) || a.StartsWith("max-age", StringComparison.Ordinal));

        // Signing in again issues a new ticket rather than reusing the old one.
        var again = await app.PasswordAndCodeAsync(app.CreateBrowser(), member);
        var second = Assert.Single(SetCookies(again), c => c.StartsWith("__Host-SafeHome=", StringComparison.Ordinal));
        Assert.NotEqual(cookie.Split(';')[0], second.Split(';')[0]);
    }

    [Theory, Providers]
    public async Task A_return_url_to_another_site_is_replaced_by_the_start_page(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var member = await app.CreateStaffAsync(Roles.Counselor);
        string[] external = ["https://evil.example/", "http://evil.example", "//evil.example/", "/\\evil.example/", "\\\\evil.example", "https:evil.example", "javascript:alert(1)", " https://evil.example/"];
        var failures = new List<string>();

        foreach (var returnUrl in external)
        {
            var response = await app.PasswordAndCodeAsync(app.CreateBrowser(), member, $"/Account/Login?returnUrl={Uri.EscapeDataString(returnUrl)}");
            if (response.StatusCode != HttpStatusCode.Redirect || response.Location() != "/")
            {
                failures.Add($"{returnUrl} → {(int)response.StatusCode} {response.Location()}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        var local = await app.PasswordAndCodeAsync(app.CreateBrowser(), member, "/Account/Login?returnUrl=%2FResidents");
        Assert.Equal("/Residents", local.Location());
    }

    [Theory, Providers]
    public async Task Forwarded_headers_from_the_client_change_neither_the_redirect_nor_the_cookie(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var member = await app.CreateStaffAsync(Roles.Counselor);
        var browser = app.CreateBrowser();
        browser.DefaultRequestHeaders.Add("X-Forwarded-Host", "evil.example");
        browser.DefaultRequestHeaders.Add("X-Forwarded-Proto", "http");
        browser.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        browser.DefaultRequestHeaders.Add("X-Original-URL", "/Admin/Staff");
        browser.DefaultRequestHeaders.Add("X-Rewrite-URL", "/Admin/Staff");

        var login = await app.PasswordAndCodeAsync(browser, member, "/Account/Login?returnUrl=%2FResidents");

        Assert.Equal("/Residents", login.Location());
        var cookie = Assert.Single(SetCookies(login), c => c.StartsWith("__Host-SafeHome=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/Admin/Staff")).StatusCode);
        var list = await browser.GetAsync("/Residents");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.DoesNotContain("evil.example", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory, Providers]
    public async Task A_spoofed_host_header_does_not_end_up_in_a_password_link(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var url = $"/Admin/Staff/Edit/{counselor.Id}";
        var token = await admin.AntiforgeryTokenAsync(url);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{url}?handler=ResetLink") { Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]) };
        request.Headers.Host = "evil.example";

        var response = await admin.SendAsync(request);

        // Refusing the foreign host outright (400) is as good as building the link from the site's own name.
        if (response.StatusCode != HttpStatusCode.BadRequest)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var link = (await HtmlForms.ParseAsync(response)).QuerySelector("#reset-link")?.GetAttribute("value");
            Assert.NotNull(link);
            Assert.DoesNotContain("evil.example", link, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task In_production_a_404_a_403_and_a_400_show_the_friendly_page_without_internals()
    {
        await using var app = await SafeHomeApp.StartAsync("Production");
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var cases = new (string What, Func<Task<HttpResponseMessage>> Send, HttpStatusCode Status, string Title)[]
        {
            ("missing resident", () => director.GetAsync($"/Residents/Details/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "Not found"),
            ("missing page", () => director.GetAsync("/no-such-page"), HttpStatusCode.NotFound, "Not found"),
            ("admin page as director", () => director.GetAsync("/Admin/Staff"), HttpStatusCode.Forbidden, "Not available to your role"),
            ("post without antiforgery token", () => director.PostAsync("/Residents/Intake", new FormUrlEncodedContent([new("Input.LegalName", "Tokenless Example")])), HttpStatusCode.BadRequest, "Request not accepted"),
        };
        var failures = new List<string>();

        foreach (var (what, send, status, title) in cases)
        {
            var response = await send();
            var body = await response.Content.ReadAsStringAsync();
            var page = await HtmlForms.ParseAsync(response);
            var h1 = page.QuerySelector("h1")?.TextContent.Trim();
            if (response.StatusCode != status || h1 != title)
            {
                failures.Add($"{what}: {(int)response.StatusCode} \"{h1}\", expected {(int)status} \"{title}\"");
            }

            foreach (var internals in new[] { "Exception", "StackTrace", "   at ", "SafeHome.Web", "Microsoft.AspNetCore", ".cs:line" })
            {
                if (body.Contains(internals, StringComparison.Ordinal))
                {
                    failures.Add($"{what}: the page shows \"{internals}\"");
                }
            }

            if (page.QuerySelector("main code")?.TextContent.Trim() is not { Length: > 0 })
            {
                failures.Add($"{what}: no reference for the administrator");
            }

            failures.AddRange(MissingSecurityHeaders(response).Select(problem => $"{what}: {problem}"));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task In_production_https_responses_carry_a_year_long_hsts_header_for_subdomains_too()
    {
        await using var app = await SafeHomeApp.StartAsync("Production");

        // The HSTS middleware leaves localhost alone, so ask under a real-looking site name the site is configured for.
        using var site = app.WithWebHostBuilder(b => b.UseSetting("AllowedHosts", "safehome.example"));
        var browser = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://safehome.example") });
        var response = await browser.GetAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.TryGetValues("Strict-Transport-Security", out var values), "no Strict-Transport-Security header");
        var hsts = string.Join(",", values).ToLowerInvariant();
        var maxAge = hsts.Split(';').Select(p => p.Trim()).First(p => p.StartsWith("max-age=", StringComparison.Ordinal))["max-age=".Length..];
        Assert.True(long.Parse(maxAge, System.Globalization.CultureInfo.InvariantCulture) >= 31_536_000, $"Strict-Transport-Security: {hsts} (SECURITY.md I5 asks for at least a year)");
        Assert.Contains("includesubdomains", hsts, StringComparison.Ordinal);
    }

    private static IEnumerable<string> MissingSecurityHeaders(HttpResponseMessage response, bool expectNoStore = true)
    {
        var csp = Header(response, "Content-Security-Policy");
        foreach (var directive in new[] { "default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'" })
        {
            if (csp is null || !csp.Split(';').Select(d => d.Trim()).Contains(directive))
            {
                yield return $"Content-Security-Policy lacks {directive} ({csp ?? "no header"})";
            }
        }

        if (Header(response, "X-Content-Type-Options") != "nosniff")
        {
            yield return $"X-Content-Type-Options is {Header(response, "X-Content-Type-Options") ?? "missing"}";
        }

        if (Header(response, "Referrer-Policy") != "no-referrer")
        {
            yield return $"Referrer-Policy is {Header(response, "Referrer-Policy") ?? "missing"}";
        }

        if (expectNoStore && response.Headers.CacheControl?.NoStore != true)
        {
            yield return $"Cache-Control is {response.Headers.CacheControl?.ToString() ?? "missing"}";
        }

        foreach (var revealing in new[] { "Server", "X-Powered-By", "X-AspNet-Version", "X-AspNetMvc-Version" })
        {
            if (Header(response, revealing) is { } value)
            {
                yield return $"{revealing}: {value}";
            }
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;

    private static List<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
}
