using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Notes;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using static SafeHome.IntegrationTests.Pages.Notes.NoteFormFields;

namespace SafeHome.IntegrationTests.Pages.Notes;

/// Writing a note (DOMAIN.md §6A step 1) through the real form: what is stored, the defaults the form offers, a
/// double submit, and who may write for whom.
public sealed class WriteTests
{
    [Theory, Providers]
    public async Task A_draft_written_through_the_form_is_stored_with_only_the_chosen_formats_sections(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id, "Writa Example");
        var planId = await CreateActivePlanAsync(app, residentId, counselor.Id);
        var (goalId, objectiveId) = await ActivePlanItemsAsync(app, planId);
        var now = Now(app);

        var response = await browser.SubmitFormAsync($"/Notes/Write/{residentId}", new()
        {
            ["Input.Type"] = nameof(NoteType.Family),
            ["Input.Format"] = nameof(NoteFormat.Dap),
            ["Input.ServiceStart"] = Local(now.AddMinutes(-120)),
            ["Input.ServiceEnd"] = Local(now.AddMinutes(-75)),
            ["Input.Data"] = "Family session by video; the youth chose where to sit.",
            ["Input.Assessment"] = "Calmer than last week.",
            ["Input.Plan"] = "Next session on Friday, the youth picks the topic.",
            ["Input.Narrative"] = "Typed into a section the DAP format does not have.",
            ["Input.YouthWords"] = "I want my aunt to come next time.",
            ["Input.StrengthsObserved"] = "Spoke up for what she wants",
            ["Input.InterventionsUsed"] = "Family systems check-in",
            ["Input.RiskSelfHarm"] = "false",
            ["Input.RiskExploiterContact"] = "true",
            ["Input.RiskMissing"] = "false",
            ["Input.RiskFollowUp"] = "Safety plan reviewed with the youth; supervisor told.",
            ["Input.IsSensitive"] = "true",
            ["Input.ObjectiveIds"] = objectiveId.ToString(),
        });

        response.AssertRedirectTo("/Notes/Edit/");
        var note = await app.WithDbAsync(db => db.ProgressNotes.AsNoTracking().Include(n => n.Links).SingleAsync(n => n.ResidentId == residentId));
        Assert.Equal($"/Notes/Edit/{note.Id}", response.Location());
        Assert.Equal((counselor.Id, NoteStatus.Draft, NoteType.Family, NoteFormat.Dap), (note.AuthorId, note.Status, note.Type, note.Format));
        Assert.Equal(now.AddMinutes(-120), note.ServiceStartUtc);
        Assert.Equal(now.AddMinutes(-75), note.ServiceEndUtc);
        Assert.Equal(await app.WithDbAsync(db => db.Stays.Where(s => s.ResidentId == residentId).Select(s => s.Id).SingleAsync()), note.StayId);
        Assert.Equal("Family session by video; the youth chose where to sit.", note.Data);
        Assert.Equal("Calmer than last week.", note.Assessment);
        Assert.Equal("Next session on Friday, the youth picks the topic.", note.Plan);
        Assert.Null(note.Narrative);
        Assert.Equal("I want my aunt to come next time.", note.YouthWords);
        Assert.Equal("Spoke up for what she wants", note.StrengthsObserved);
        Assert.Equal("Family systems check-in", note.InterventionsUsed);
        Assert.Equal((false, true, false), (note.RiskSelfHarm, note.RiskExploiterContact, note.RiskMissing));
        Assert.Equal("Safety plan reviewed with the youth; supervisor told.", note.RiskFollowUp);
        Assert.True(note.IsSensitive);
        Assert.Null(note.SignedAtUtc);
        var link = Assert.Single(note.Links);
        Assert.Equal((goalId, (Guid?)objectiveId), (link.GoalId, link.ObjectiveId));

        // The edit page opens with the saved note and the status message.
        var edit = await browser.GetDocumentAsync($"/Notes/Edit/{note.Id}");
        Assert.Contains("draft note is saved", edit.QuerySelector("[role=status].alert-success")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Family session by video; the youth chose where to sit.", edit.QuerySelector("#Input_Data")!.TextContent.Trim());
        Assert.Equal(nameof(NoteFormat.Dap), ((IHtmlSelectElement)edit.QuerySelector("#Input_Format")!).Value);
        Assert.True(((IHtmlInputElement)edit.QuerySelector($"#objective-{objectiveId}")!).IsChecked);
        Assert.True(((IHtmlInputElement)edit.QuerySelector($"#goal-{goalId}")!).IsChecked);
        Assert.True(((IHtmlInputElement)edit.QuerySelector("#RiskExploiterContact-yes")!).IsChecked);
        Assert.True(((IHtmlInputElement)edit.QuerySelector("#Input_IsSensitive")!).IsChecked);
    }

    [Theory, Providers]
    public async Task The_form_offers_the_last_hour_in_the_homes_local_time_and_reads_times_back_as_local(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        app.Clock.SetLocalTimeZone(TimeZoneInfo.CreateCustomTimeZone("Test Central", TimeSpan.FromHours(-5), "Test Central", "Test Central"));
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        app.Clock.Advance(TimeSpan.FromSeconds(42));

        var form = await browser.GetDocumentAsync($"/Notes/Write/{residentId}");

        // 15:00:42 UTC is 10:00 local; the offered service is the last whole hour.
        Assert.Equal("2026-06-15 09:00", form.QuerySelector("#Input_ServiceStart")!.GetAttribute("value"));
        Assert.Equal("2026-06-15 10:00", form.QuerySelector("#Input_ServiceEnd")!.GetAttribute("value"));
        Assert.Equal("yyyy-MM-dd HH:mm", form.QuerySelector("#Input_ServiceStart")!.GetAttribute("data-date-format"));
        Assert.NotNull(form.QuerySelector("#strengths-required"));
        Assert.Contains("only the resident's counselors, directors and auditors", form.QuerySelector("#sensitive-hint")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("quote", form.QuerySelector("label[for=Input_YouthWords]")!.TextContent, StringComparison.OrdinalIgnoreCase);

        // Every section of every format is on the form, marked with the formats it belongs to.
        Assert.Equal(Enum.GetNames<NoteSection>(), form.QuerySelectorAll("[data-note-section]").Select(s => s.GetAttribute("data-note-section")));
        Assert.Equal("Girp Dap Soap Birp", form.QuerySelector("#section-Plan")!.GetAttribute("data-formats"));
        Assert.Equal("Narrative", form.QuerySelector("#section-Narrative")!.GetAttribute("data-formats"));
        Assert.Contains("youth", form.QuerySelector("#prompt-Intervention")!.TextContent, StringComparison.Ordinal);

        // The browser's hints while typing: the script is served from the site (the CSP allows nothing else), the
        // lexicon rides in a data attribute, and every checked field is marked; the youth's own words are not.
        var script = form.QuerySelector("script[src^='/js/note-hints.js']")!.GetAttribute("src")!;
        var served = await browser.GetAsync(script);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Contains("data-language-field", await served.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("\"term\":\"pimp\"", form.QuerySelector("#lexicon-data")!.GetAttribute("data-lexicon"), StringComparison.Ordinal);
        Assert.Equal(
            [.. Enum.GetNames<NoteSection>(), "InterventionsUsed", "StrengthsObserved", "RiskFollowUp"],
            form.QuerySelectorAll("[data-language-field]").Select(f => f.GetAttribute("data-language-field")));

        var noteId = await browser.WriteDraftAsync(residentId, Complete(app).With(("Input.ServiceStart", "2026-06-15 08:15"), ("Input.ServiceEnd", "2026-06-15 09:45")));

        var note = await LoadAsync(app, noteId);
        Assert.Equal(new DateTime(2026, 6, 15, 13, 15, 0, DateTimeKind.Utc), note.ServiceStartUtc);
        Assert.Equal(new DateTime(2026, 6, 15, 14, 45, 0, DateTimeKind.Utc), note.ServiceEndUtc);
        var edit = await browser.GetDocumentAsync($"/Notes/Edit/{noteId}");
        Assert.Equal("2026-06-15 08:15", edit.QuerySelector("#Input_ServiceStart")!.GetAttribute("value"));
        Assert.Equal("2026-06-15 09:45", edit.QuerySelector("#Input_ServiceEnd")!.GetAttribute("value"));
    }

    [Theory, Providers]
    public async Task The_same_form_submitted_twice_creates_one_note(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var url = $"/Notes/Write/{residentId}";
        var form = await browser.GetDocumentAsync(url);

        var first = await browser.SubmitFormAsync(form, url, Complete(app));
        var second = await browser.SubmitFormAsync(form, url, Complete(app).With(("Input.Narrative", "Clicked again with a small change.")));

        first.AssertRedirectTo("/Notes/Edit/");
        Assert.Equal(first.Location(), second.Location());
        var note = await app.WithDbAsync(db => db.ProgressNotes.AsNoTracking().SingleAsync(n => n.ResidentId == residentId));
        Assert.Equal("Talked about the week ahead and planned the art class together.", note.Narrative);
        Assert.Contains("already saved", (await browser.GetDocumentAsync(second.Location())).QuerySelector(".alert-success")!.TextContent, StringComparison.Ordinal);

        // A fresh form is a new note.
        await browser.WriteDraftAsync(residentId, Complete(app));
        Assert.Equal(2, await CountAsync(app));
    }

    [Theory, Providers]
    public async Task A_resident_on_another_counselors_caseload_answers_404_and_nothing_is_written(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (mine, browser) = await app.SignInNewAsync(Roles.Counselor);
        var other = await app.CreateStaffAsync(Roles.Counselor);
        var myResident = await app.CreateResidentAsync(mine.Id);
        var theirResident = await app.CreateResidentAsync(other.Id);
        var unassigned = await app.CreateResidentAsync(null);

        // The complete form from the counselor's own resident, aimed at the other residents.
        var form = await browser.GetDocumentAsync($"/Notes/Write/{myResident}");
        foreach (var target in new[] { theirResident, unassigned, Guid.NewGuid() })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Notes/Write/{target}")).StatusCode);
            var fields = HtmlForms.FieldsOf(form.QuerySelector<IHtmlFormElement>("#note-form")!);
            fields.RemoveAll(f => f.Key.StartsWith("Input.", StringComparison.Ordinal) && Complete(app).ContainsKey(f.Key));
            fields.AddRange(Complete(app));
            Assert.Equal(HttpStatusCode.NotFound, (await browser.PostAsync($"/Notes/Write/{target}", new FormUrlEncodedContent(fields))).StatusCode);
        }

        Assert.Equal(0, await CountAsync(app));
    }

    [Theory]
    [ProviderInlineData(Roles.ProgramDirector)]
    [ProviderInlineData(Roles.Admin)]
    [ProviderInlineData(Roles.Auditor)]
    public async Task Only_counselors_write_notes_others_get_403_even_with_a_complete_form(string role, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, counselorBrowser) = await app.SignInNewAsync(Roles.Counselor);
        var (_, browser) = await app.SignInNewAsync(role);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var draftId = await app.CreateNoteAsync(residentId, counselor.Id);
        var before = await SnapshotAsync(app);

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"/Notes/Write/{residentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"/Notes/Edit/{draftId}")).StatusCode);

        // The counselor's complete forms, posted with this user's own valid token.
        var token = await browser.AntiforgeryTokenAsync("/Account/Login");
        foreach (var (url, formId) in new[] { ($"/Notes/Write/{residentId}", "#note-form"), ($"/Notes/Edit/{draftId}", "#note-form"), ($"/Notes/Edit/{draftId}?handler=Sign", "#sign-form") })
        {
            var page = await counselorBrowser.GetDocumentAsync(url.Split('?')[0]);
            var fields = HtmlForms.FieldsOf(page.QuerySelector<IHtmlFormElement>(formId)!);
            fields.RemoveAll(f => f.Key == "__RequestVerificationToken" || Complete(app).ContainsKey(f.Key));
            fields.AddRange(Complete(app).With(("Input.Narrative", $"Written by a {role}")));
            fields.Add(new("__RequestVerificationToken", token));

            var response = await browser.PostAsync(url, new FormUrlEncodedContent(fields));

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        Assert.Equal(before, await SnapshotAsync(app));
    }
}
