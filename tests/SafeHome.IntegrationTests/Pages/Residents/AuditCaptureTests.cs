using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data.Auditing;
using SafeHome.Data;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Residents;

/// DESIGN.md "Data that must never be lost": every insert, update and delete of case data, and every view of a
/// resident, leaves an audit entry written in the same transaction.
public sealed class AuditCaptureTests
{
    [Theory, Providers]
    public async Task Intake_and_edit_write_entries_with_who_and_old_and_new_values(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (director, browser) = await app.SignInNewAsync(Roles.ProgramDirector);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var intake = CaseloadIsolationTests.ValidIntake(app, null);
        intake["Input.PrimaryCounselorId"] = counselor.Id;

        var created = await browser.SubmitFormAsync("/Residents/Intake", intake);
        created.AssertRedirectTo("/Residents/Details/");
        var id = Guid.Parse(created.Location()["/Residents/Details/".Length..]);
        var edited = await browser.SubmitFormAsync($"/Residents/Edit/{id}", new() { ["Input.PreferredName"] = "Renamed Example", ["Input.Pronouns"] = "they/them" });
        edited.AssertRedirectTo($"/Residents/Details/{id}");

        var entries = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync());
        var residentEntries = entries.Where(e => e.EntityType == "Resident" && e.EntityKey == id.ToString()).ToList();

        var insert = Assert.Single(residentEntries, e => e.Action == AuditActions.Insert);
        Assert.Equal(director.Id, insert.UserId);
        Assert.Equal("Intake Example", Changes(insert)["PreferredName"].New);
        Assert.Single(entries, e => e.Action == AuditActions.Insert && e.EntityType == "Stay");
        Assert.Single(entries, e => e.Action == AuditActions.Insert && e.EntityType == "CaseloadAssignment");

        var update = Assert.Single(residentEntries, e => e.Action == AuditActions.Update);
        var changes = Changes(update);
        Assert.Equal(new AuditChange("Intake Example", "Renamed Example"), changes["PreferredName"]);
        Assert.Equal(new AuditChange(null, "they/them"), changes["Pronouns"]);
        Assert.Equal(new AuditChange("0", "1"), changes["Version"]);
        Assert.DoesNotContain("LegalName", changes.Keys);
        Assert.Equal(director.Id, update.UserId);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, DateTime.SpecifyKind(update.OccurredAtUtc, DateTimeKind.Utc));
    }

    [Theory, Providers]
    public async Task Viewing_a_resident_is_logged_with_ids_only(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (auditor, browser) = await app.SignInNewAsync(Roles.Auditor);
        var resident = await app.CreateResidentAsync(null, "Viewed Example");

        await browser.GetDocumentAsync($"/Residents/Details/{resident}");
        await browser.GetDocumentAsync($"/Residents/Details/{resident}");

        var views = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.View).ToListAsync());
        Assert.Equal(2, views.Count);
        Assert.All(views, v =>
        {
            Assert.Equal(auditor.Id, v.UserId);
            Assert.Equal(resident.ToString(), v.EntityKey);
            Assert.Null(v.Changes);
        });
    }

    [Theory, Providers]
    public async Task Discharge_and_caseload_changes_are_audited(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var first = await app.CreateStaffAsync(Roles.Counselor);
        var second = await app.CreateStaffAsync(Roles.Counselor);
        var resident = await app.CreateResidentAsync(first.Id);

        (await director.SubmitFormAsync($"/Residents/Caseload/{resident}", new() { ["Input.PrimaryCounselorId"] = second.Id })).AssertRedirectTo("/Residents/Details/");
        (await director.SubmitFormAsync($"/Residents/Discharge/{resident}", new()
        {
            ["Input.DischargedOn"] = app.Today.ToString("yyyy-MM-dd"),
            ["Input.DischargeType"] = "Planned",
            ["Input.DischargeReason"] = "CompletedProgram",
            ["Input.DischargeDestination"] = "Reunification",
        })).AssertRedirectTo("/Residents/Details/");

        var entries = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().ToListAsync());
        var removed = Assert.Single(entries, e => e.EntityType == "CaseloadAssignment" && e.Action == AuditActions.Delete);
        Assert.Equal(first.Id, Changes(removed)["CounselorId"].Old);
        var added = entries.Where(e => e.EntityType == "CaseloadAssignment" && e.Action == AuditActions.Insert).Select(Changes).ToList();
        Assert.Contains(added, c => c["CounselorId"].New == second.Id);
        var discharge = Assert.Single(entries, e => e.EntityType == "Stay" && e.Action == AuditActions.Update);
        Assert.Equal(new AuditChange(null, app.Today.ToString("yyyy-MM-dd")), Changes(discharge)["DischargedOn"]);
        Assert.Equal("Reunification", Changes(discharge)["DischargeDestination"].New);
    }

    [Theory, Providers]
    public async Task Staff_changes_are_audited_without_password_hashes_or_stamps(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);

        (await admin.SubmitFormAsync($"/Admin/Staff/Edit/{counselor.Id}", new(), handler: "Deactivate")).AssertRedirectTo("/Admin/Staff/Edit/");

        var entries = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.EntityType == "SafeHomeUser").ToListAsync());
        Assert.Contains(entries, e => e.Action == AuditActions.Update && e.EntityKey == counselor.Id && Changes(e).TryGetValue("IsActive", out var c) && c == new AuditChange("True", "False"));
        Assert.All(entries, e => Assert.DoesNotContain("PasswordHash", e.Changes ?? string.Empty, StringComparison.Ordinal));
        Assert.All(entries, e => Assert.DoesNotContain("SecurityStamp", e.Changes ?? string.Empty, StringComparison.Ordinal));
    }

    private static Dictionary<string, AuditChange> Changes(Domain.Auditing.AuditEntry entry) =>
        JsonSerializer.Deserialize<Dictionary<string, AuditChange>>(entry.Changes!)!;
}
