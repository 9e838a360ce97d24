using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using SafeHome.IntegrationTests.Pages.Residents;

namespace SafeHome.IntegrationTests.Pages;

/// SECURITY.md Z3: an auditor's write answers 403 even with a valid form and token, changes nothing, and the
/// refusal is recorded.
public sealed class AuditorReadOnlyTests
{
    [Theory]
    [ProviderInlineData("/Residents/Edit/{0}", "Input.PreferredName", "Auditor Was Here")]
    [ProviderInlineData("/Residents/Discharge/{0}", "Input.DischargedOn", "2026-06-01")]
    [ProviderInlineData("/Residents/Admit/{0}", "Input.Stay.AdmittedOn", "2026-06-01")]
    [ProviderInlineData("/Residents/Caseload/{0}", "Input.PrimaryCounselorId", "")]
    [ProviderInlineData("/Residents/Intake", "Input.PreferredName", "Auditor Was Here")]
    public async Task A_complete_valid_write_from_an_auditor_is_refused_and_recorded(string pattern, string field, string value, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, counselorBrowser) = await app.SignInNewAsync(Roles.Counselor);
        var (auditor, auditorBrowser) = await app.SignInNewAsync(Roles.Auditor);
        var resident = await app.CreateResidentAsync(counselor.Id);
        var url = string.Format(null, pattern, resident);
        var before = await CaseloadIsolationTests.SnapshotAsync(app);

        // The auditor cannot even open these forms, so it posts a counselor's complete form with its own token.
        var document = await (url.EndsWith("Caseload/" + resident, StringComparison.Ordinal)
            ? (await app.SignInNewAsync(Roles.ProgramDirector)).Browser.GetDocumentAsync(url)
            : counselorBrowser.GetDocumentAsync(url));
        var fields = HtmlForms.FieldsOf(document.QuerySelectorAll("form[method=post]").OfType<AngleSharp.Html.Dom.IHtmlFormElement>().Last());
        fields.RemoveAll(f => f.Key == "__RequestVerificationToken" || f.Key == field);
        fields.Add(new(field, value.Length > 0 ? value : counselor.Id));
        fields.Add(new("__RequestVerificationToken", await auditorBrowser.AntiforgeryTokenAsync("/Residents")));

        var response = await auditorBrowser.PostAsync(url, new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await CaseloadIsolationTests.SnapshotAsync(app));
        var denied = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.AccessDenied).ToListAsync());
        Assert.Equal(auditor.Id, Assert.Single(denied).UserId);
    }
}
