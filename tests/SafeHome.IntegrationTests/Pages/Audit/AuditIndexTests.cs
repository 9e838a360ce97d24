using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Audit;

/// The auditor's landing page, and the read-only rule for the whole workspace (SECURITY.md Z3).
public sealed class AuditIndexTests
{
    [Theory, Providers]
    public async Task Lists_residents_and_staff_with_links_that_carry_ids_only(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (auditor, browser) = await app.SignInNewAsync(Roles.Auditor);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var resident = await app.CreateResidentAsync(counselor.Id, "Indexed Example");

        var page = await browser.GetDocumentAsync("/Audit/Index");

        var residentLink = Assert.Single(page.QuerySelectorAll("#residents a"));
        Assert.Equal(("Indexed Example", $"/Audit/Resident/{resident}"), (residentLink.TextContent, residentLink.GetAttribute("href")));
        var staffLinks = page.QuerySelectorAll("#staff a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"/Audit/Staff/{counselor.Id}", staffLinks);
        Assert.Contains($"/Audit/Staff/{auditor.Id}", staffLinks);
        Assert.Equal("/Audit/Verify", page.QuerySelector("#verify-link")!.GetAttribute("href"));
        Assert.DoesNotContain("Example", page.Title, StringComparison.Ordinal);
    }

    [Theory]
    [ProviderInlineData("/Audit/Index")]
    [ProviderInlineData("/Audit/Resident/{resident}")]
    [ProviderInlineData("/Audit/Resident/{resident}?handler=Csv")]
    [ProviderInlineData("/Audit/Record?type=Resident&key={resident}")]
    [ProviderInlineData("/Audit/Staff/{auditor}")]
    public async Task An_auditor_post_with_a_valid_token_is_refused_and_changes_nothing(string url, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (auditor, browser) = await app.SignInNewAsync(Roles.Auditor);
        var resident = await app.CreateResidentAsync(null);
        url = url.Replace("{resident}", resident.ToString(), StringComparison.Ordinal).Replace("{auditor}", auditor.Id, StringComparison.Ordinal);
        var token = await browser.AntiforgeryTokenAsync("/Audit/Verify");
        var before = await app.WithDbAsync(db => db.AuditEntries.OrderByDescending(e => e.Sequence).Select(e => e.Sequence).FirstAsync());

        var response = await browser.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Filter.Action", "update")]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var after = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Sequence > before).ToListAsync());
        var denial = Assert.Single(after);
        Assert.Equal((auditor.Id, Domain.Auditing.AuditActions.AccessDenied), (denial.UserId, denial.Action));
    }

    [Theory]
    [ProviderInlineData(Roles.Admin)]
    [ProviderInlineData(Roles.ProgramDirector)]
    [ProviderInlineData(Roles.Counselor)]
    public async Task Other_roles_are_refused_every_auditor_screen(string role, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (member, browser) = await app.SignInNewAsync(role);
        var resident = await app.CreateResidentAsync(role == Roles.Counselor ? member.Id : null);

        foreach (var url in new[] { "/Audit/Index", $"/Audit/Resident/{resident}", $"/Audit/Resident/{resident}?handler=Csv", $"/Audit/Record?type=Resident&key={resident}", $"/Audit/Staff/{member.Id}" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync(url)).StatusCode);
        }

        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == Domain.Auditing.AuditActions.Export)));
    }
}
