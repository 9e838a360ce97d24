using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Security;

/// SECURITY.md L2 and D2: a unique canary typed into every field of a whole case journey never reaches a log line
/// (at Trace, framework categories included) or a URL, and CR/LF in a sign-in cannot forge a log line.
public sealed class LogCanaryTests
{
    [Fact]
    public async Task A_canary_typed_through_a_whole_case_journey_never_reaches_a_log_line_or_a_url()
    {
        await using var app = await SafeHomeApp.StartAsync(minimumLogLevel: LogLevel.Trace);
        using var site = EveryCategoryAtTrace(app);
        var canary = $"Canary{Guid.NewGuid():N}";
        var legalName = $"Legalia {canary} Example";
        var responses = new List<HttpResponseMessage>();
        var counselorMember = await app.CreateStaffAsync(Roles.Counselor);
        var counselor = await SignInAsync(app, site, counselorMember);
        var director = await SignInAsync(app, site, await app.CreateStaffAsync(Roles.ProgramDirector));
        var auditor = await SignInAsync(app, site, await app.CreateStaffAsync(Roles.Auditor));
        var intake = new Dictionary<string, string>
        {
            ["Input.LegalName"] = legalName,
            ["Input.PreferredName"] = $"Pref{canary}",
            ["Input.Pronouns"] = "they/them",
            ["Input.CourtCaseNumber"] = $"CASE-{canary}",
            ["Input.GenderIdentity"] = $"Gender {canary}",
            ["Input.TribalAffiliation"] = $"Tribe {canary}",
            ["Input.DateOfBirth"] = app.Today.AddYears(-15).ToString("yyyy-MM-dd"),
            ["Input.Stay.AdmittedOn"] = app.Today.AddDays(-100).ToString("yyyy-MM-dd"),
            ["Input.Stay.PlacingAgency"] = $"Agency {canary}",
            ["Input.Stay.PriorLivingSituation"] = $"Prior {canary}",
        };

        // Intake: refused once (bidi character), then saved.
        responses.Add(await counselor.SubmitFormAsync("/Residents/Intake", new(intake) { ["Input.LegalName"] = legalName + "\u202E" }));
        Assert.Equal(HttpStatusCode.OK, responses[^1].StatusCode);
        responses.Add(await counselor.SubmitFormAsync("/Residents/Intake", intake));
        responses[^1].AssertRedirectTo("/Residents/Details/");
        var id = responses[^1].Location()["/Residents/Details/".Length..];

        // Lists, searches (a POST, paged and unpaged) and the overview, for every role that reads cases.
        foreach (var reader in new[] { counselor, director, auditor })
        {
            responses.Add(await reader.GetAsync("/Residents"));
            responses.Add(await reader.SubmitFormAsync("/Residents", new() { ["q"] = canary }));
            Assert.Contains(canary, await responses[^1].Content.ReadAsStringAsync(), StringComparison.Ordinal);
            responses.Add(await reader.SubmitFormAsync("/Residents", new() { ["q"] = canary.ToUpperInvariant(), ["p"] = "2", ["all"] = "true" }));
            responses.Add(await reader.GetAsync($"/Residents/Details/{id}"));
            Assert.Equal(HttpStatusCode.OK, responses[^1].StatusCode);
        }

        // Edit: saved, refused twice (CR/LF in a name, an impossible date), then a concurrency conflict.
        responses.Add(await counselor.SubmitFormAsync($"/Residents/Edit/{id}", new() { ["Input.PreferredName"] = $"Renamed{canary}" }));
        responses[^1].AssertRedirectTo($"/Residents/Details/{id}");
        responses.Add(await counselor.SubmitFormAsync($"/Residents/Edit/{id}", new() { ["Input.LegalName"] = $"{legalName}\r\nForged {canary}" }));
        Assert.Equal(HttpStatusCode.OK, responses[^1].StatusCode);
        responses.Add(await counselor.SubmitFormAsync($"/Residents/Edit/{id}", new() { ["Input.DateOfBirth"] = "2025-13-01", ["Input.CourtCaseNumber"] = $"Bad {canary}" }));
        Assert.Equal(HttpStatusCode.OK, responses[^1].StatusCode);
        var first = await counselor.GetDocumentAsync($"/Residents/Edit/{id}");
        var second = await director.GetDocumentAsync($"/Residents/Edit/{id}");
        responses.Add(await counselor.SubmitFormAsync(first, $"/Residents/Edit/{id}", new() { ["Input.PrimaryLanguage"] = $"Language {canary}" }));
        responses[^1].AssertRedirectTo($"/Residents/Details/{id}");
        responses.Add(await director.SubmitFormAsync(second, $"/Residents/Edit/{id}", new() { ["Input.PrimaryLanguage"] = $"Other {canary}" }));
        Assert.Equal(HttpStatusCode.OK, responses[^1].StatusCode);
        Assert.NotNull((await HtmlForms.ParseAsync(responses[^1])).QuerySelector("#conflict"));

        // Discharge: refused (future date), then saved; readmission: refused (overlap), then saved.
        responses.Add(await counselor.SubmitFormAsync($"/Residents/Discharge/{id}", new() { ["Input.DischargedOn"] = app.Today.AddDays(1).ToString("yyyy-MM-dd") }));
        Assert.Equal(HttpStatusCode.OK, responses[^1].StatusCode);
        responses.Add(await counselor.SubmitFormAsync($"/Residents/Discharge/{id}", new() { ["Input.DischargedOn"] = app.Today.AddDays(-10).ToString("yyyy-MM-dd") }));
        responses[^1].AssertRedirectTo($"/Residents/Details/{id}");
        responses.Add(await counselor.SubmitFormAsync($"/Residents/Admit/{id}", new() { ["Input.Stay.AdmittedOn"] = app.Today.AddDays(-50).ToString("yyyy-MM-dd"), ["Input.Stay.PlacingAgency"] = $"Overlap {canary}" }));
        Assert.Equal(HttpStatusCode.OK, responses[^1].StatusCode);
        responses.Add(await counselor.SubmitFormAsync($"/Residents/Admit/{id}", new() { ["Input.Stay.PlacingAgency"] = $"Readmit {canary}" }));
        responses[^1].AssertRedirectTo($"/Residents/Details/{id}");
        responses.Add(await auditor.GetAsync($"/Residents/Details/{id}"));

        // Failed sign-ins: the canary as an unknown email, and as the wrong password of a real account.
        var stranger = site.CreateClient(BrowserOptions);
        responses.Add(await stranger.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = $"{canary}@example.invalid", ["Input.Password"] = $"Password {canary}" }));
        Assert.Equal(HttpStatusCode.OK, responses[^1].StatusCode);
        responses.Add(await stranger.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = counselorMember.Email, ["Input.Password"] = $"Wrong {canary}" }));
        Assert.Equal(HttpStatusCode.OK, responses[^1].StatusCode);

        var logs = app.Logs.ToList();
        Assert.Contains(logs, line => line.StartsWith("Debug Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.Contains(logs, line => line.StartsWith("Debug Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        var leaks = logs.Where(line => line.Contains(canary, StringComparison.OrdinalIgnoreCase) || line.Contains(legalName, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} of {logs.Count} log lines hold the canary, e.g.:\n{string.Join("\n", leaks.Take(5))}");
        Assert.All(responses, response => Assert.DoesNotContain(canary, response.Location(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_line_break_in_the_sign_in_form_cannot_forge_a_log_line()
    {
        await using var app = await SafeHomeApp.StartAsync(minimumLogLevel: LogLevel.Trace);
        using var site = EveryCategoryAtTrace(app);
        var member = await app.CreateStaffAsync(Roles.Counselor);
        var browser = site.CreateClient(BrowserOptions);
        var marker = $"FORGED{Guid.NewGuid():N}";
        var forged = $"Critical SafeHome.Forged: {marker} administrator signed in";

        foreach (var lineBreak in new[] { "\r\n", "\n", "\r", "\u2028", "\u0085" })
        {
            var unknown = await browser.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = $"nobody@example.invalid{lineBreak}{forged}", ["Input.Password"] = $"wrong{lineBreak}{forged}" });
            var known = await browser.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = $"{member.Email}{lineBreak}{forged}", ["Input.Password"] = SafeHomeApp.Password });
            var wrongPassword = await browser.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = member.Email, ["Input.Password"] = $"{SafeHomeApp.Password}{lineBreak}{forged}" });
            Assert.All([unknown, known, wrongPassword], response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        }

        var lines = app.Logs.SelectMany(entry => entry.Split(['\r', '\n', '\u2028', '\u2029', '\u0085'])).ToList();
        Assert.DoesNotContain(lines, line => line.TrimStart().StartsWith("Critical SafeHome.Forged", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(marker, StringComparison.Ordinal));
    }

    private static readonly WebApplicationFactoryClientOptions BrowserOptions = new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") };

    /// appsettings.json caps Microsoft.AspNetCore and Microsoft.EntityFrameworkCore at Warning, which would hide
    /// exactly the framework lines most likely to echo a form value; lift the caps for the capturing provider.
    private static WebApplicationFactory<Program> EveryCategoryAtTrace(SafeHomeApp app) =>
        app.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace)));

    private static Task<HttpClient> SignInAsync(SafeHomeApp app, WebApplicationFactory<Program> site, StaffMember member) =>
        app.SignInAsync(member, site.CreateClient(BrowserOptions));
}
