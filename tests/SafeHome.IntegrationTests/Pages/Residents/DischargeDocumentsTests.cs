using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Residents;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Residents;

/// The identity-document checklist on the discharge form (M24): saved with the discharge and shown on the overview.
public sealed class DischargeDocumentsTests
{
    private static Dictionary<string, string> Values(string dischargedOn) => new()
    {
        ["Input.DischargedOn"] = dischargedOn,
        ["Input.DischargeType"] = "Planned",
        ["Input.DischargeReason"] = "CompletedProgram",
        ["Input.DischargeDestination"] = "RelativeKin",
    };

    [Theory, Providers]
    public async Task The_ticked_documents_are_saved_with_the_discharge_and_shown_on_the_overview(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var url = $"/Residents/Discharge/{residentId}";
        var form = await browser.GetDocumentAsync(url);
        Assert.Equal(5, form.QuerySelectorAll("#documents-at-exit input[type=checkbox]").Length);
        Tick(form, IdentityDocuments.BirthCertificate, IdentityDocuments.StateId);

        (await browser.SubmitFormAsync(form, url, Values(app.Today.ToString("yyyy-MM-dd")))).AssertRedirectTo($"/Residents/Details/{residentId}");

        var stay = await app.WithDbAsync(db => db.Stays.AsNoTracking().SingleAsync(s => s.ResidentId == residentId));
        Assert.Equal(IdentityDocuments.BirthCertificate | IdentityDocuments.StateId, stay.DocumentsAtExit);
        var overview = await browser.GetDocumentAsync($"/Residents/Details/{residentId}");
        Assert.Equal("Birth certificate, Driver's licence or state ID", overview.QuerySelector(".documents-at-exit")!.TextContent.Trim());
    }

    [Theory, Providers]
    public async Task Nothing_ticked_records_none_and_a_stay_discharged_before_the_checklist_shows_not_recorded(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var withForm = await app.CreateResidentAsync(counselor.Id);
        var earlier = await app.CreateResidentAsync(counselor.Id, "Invented Other");
        await app.WithDbAsync(async db =>
        {
            var resident = await db.Residents.Include(r => r.Stays).SingleAsync(r => r.Id == earlier);
            resident.Stays[0].Discharge(app.Today.AddDays(-3), DischargeType.Planned, DischargeReason.CompletedProgram, DischargeDestination.Reunification, app.Today);
            return await db.SaveChangesAsync();
        });

        (await browser.SubmitFormAsync($"/Residents/Discharge/{withForm}", Values(app.Today.ToString("yyyy-MM-dd")))).AssertRedirectTo($"/Residents/Details/{withForm}");

        Assert.Equal(IdentityDocuments.None, await app.WithDbAsync(db => db.Stays.Where(s => s.ResidentId == withForm).Select(s => s.DocumentsAtExit).SingleAsync()));
        Assert.Equal("none", (await browser.GetDocumentAsync($"/Residents/Details/{withForm}")).QuerySelector(".documents-at-exit")!.TextContent.Trim());
        Assert.Equal("not recorded", (await browser.GetDocumentAsync($"/Residents/Details/{earlier}")).QuerySelector(".documents-at-exit")!.TextContent.Trim());
    }

    [Theory]
    [ProviderInlineData("Passport")]
    [ProviderInlineData("64")]
    [ProviderInlineData("-1")]
    [ProviderInlineData("<script>alert(1)</script>")]
    [ProviderInlineData("BirthCertificate\u202E")]
    public async Task A_document_not_on_the_checklist_is_refused_next_to_the_checklist_and_the_stay_stays_open(string value, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var values = Values(app.Today.ToString("yyyy-MM-dd"));
        values["Input.DocumentsAtExit"] = value;

        var response = await browser.SubmitFormAsync($"/Residents/Discharge/{residentId}", values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await HtmlForms.ParseAsync(response)).FieldError("Input.DocumentsAtExit"));
        Assert.Null(await app.WithDbAsync(db => db.Stays.Where(s => s.ResidentId == residentId).Select(s => s.DischargedOn).SingleAsync()));
    }

    [Theory, Providers]
    public async Task A_refused_discharge_keeps_the_ticked_documents(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var url = $"/Residents/Discharge/{residentId}";
        var form = await browser.GetDocumentAsync(url);
        Tick(form, IdentityDocuments.MedicalRecords);

        var response = await browser.SubmitFormAsync(form, url, Values(app.Today.AddDays(1).ToString("yyyy-MM-dd")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.Contains("future", page.FieldError("Input.DischargedOn") ?? "", StringComparison.Ordinal);
        Assert.Equal(["MedicalRecords"], page.QuerySelectorAll("#documents-at-exit input[checked]").Select(i => i.GetAttribute("value")));
    }

    private static void Tick(IHtmlDocument form, params IdentityDocuments[] documents)
    {
        foreach (var document in documents)
        {
            ((IHtmlInputElement)form.QuerySelector($"#document-{document}")!).IsChecked = true;
        }
    }
}
