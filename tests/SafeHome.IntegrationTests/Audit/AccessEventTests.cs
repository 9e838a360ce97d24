using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Audit;

/// SECURITY.md L3 through a scripted session: a failed sign-in, a sign-in, a view of the counselor's own resident, a
/// probe of another counselor's resident (404), a refused page (403) and signing out each leave one access row with
/// who, what and when, views filed under the resident, and no resident content in any row.
public sealed class AccessEventTests
{
    [Theory, Providers]
    public async Task A_scripted_session_leaves_exactly_the_expected_access_rows_with_ids_only(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var other = await app.CreateStaffAsync(Roles.Counselor);
        var own = await app.CreateResidentAsync(counselor.Id, preferredName: "Canaryvale Preferred", legalName: "Canaryvale Q. Legalname");
        var foreign = await app.CreateResidentAsync(other.Id);
        var start = await app.WithDbAsync(db => db.AuditEntries.MaxAsync(a => a.Sequence));
        var browser = app.CreateBrowser();

        await browser.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = counselor.Email, ["Input.Password"] = "not the password at all" });
        await app.PasswordAndCodeAsync(browser, counselor);
        await browser.GetAsync($"/Residents/Details/{own}");
        await browser.GetAsync($"/Residents/Details/{foreign}");
        await browser.GetAsync("/Admin/Staff/Index");
        await browser.SubmitFormAsync("/Account/Logout", []);

        var rows = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Sequence > start && a.Changes == null)
            .OrderBy(a => a.Sequence)
            .ToListAsync());
        Assert.Equal(
            [
                (AuditActions.LoginFailed, "User", counselor.Id, (Guid?)null),
                (AuditActions.LoginSucceeded, "User", counselor.Id, null),
                (AuditActions.View, "Resident", own.ToString(), own),
                (AuditActions.NotFound, "Page", $"/Residents/Details/{foreign}", null),
                (AuditActions.AccessDenied, "Page", "/Admin/Staff/Index", null),
                (AuditActions.Logout, "User", counselor.Id, null),
            ],
            rows.Select(r => (r.Action, r.EntityType, r.EntityKey, r.ResidentId)).ToList());
        Assert.All(rows, r => Assert.Equal(counselor.Id, r.UserId));
        Assert.All(rows, r => Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, DateTime.SpecifyKind(r.OccurredAtUtc, DateTimeKind.Utc)));

        // Ids only: the resident's names never reach an access row.
        var all = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Sequence > start).ToListAsync());
        Assert.DoesNotContain(all, a => (a.EntityKey + a.Changes).Contains("Canaryvale", StringComparison.Ordinal));
    }

    [Theory, Providers]
    public async Task Every_other_page_of_a_residents_record_is_a_view_filed_under_the_resident_once(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var episodeId = await app.CreateEpisodeAsync(residentId);
        var start = await app.WithDbAsync(db => db.AuditEntries.MaxAsync(a => a.Sequence));

        await browser.GetDocumentAsync($"/Missing/Log/{episodeId}");
        await browser.GetDocumentAsync($"/Residents/Edit/{residentId}");
        await browser.GetDocumentAsync($"/Missing/Episode/{episodeId}");
        await browser.GetDocumentAsync("/Plans/Due");

        var rows = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Sequence > start).OrderBy(a => a.Sequence).ToListAsync());
        Assert.Equal(
            [
                (AuditActions.View, "Page", $"/Missing/Log/{episodeId}", (Guid?)residentId),
                (AuditActions.View, "Page", $"/Residents/Edit/{residentId}", residentId),
                (AuditActions.View, "MissingEpisode", episodeId.ToString(), residentId),
                (AuditActions.View, "Page", "/Plans/Due", null),
            ],
            rows.Select(r => (r.Action, r.EntityType, r.EntityKey, r.ResidentId)).ToList());
    }

    [Theory, Providers]
    public async Task A_role_change_is_recorded_as_the_old_role_removed_and_the_new_one_granted_by_the_confirming_director(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, browser) = await app.SignInNewAsync(Roles.Admin);
        var (director, directorBrowser) = await app.SignInNewAsync(Roles.ProgramDirector);
        var member = await app.CreateStaffAsync(Roles.Counselor);
        var start = await app.WithDbAsync(db => db.AuditEntries.MaxAsync(a => a.Sequence));

        // A case role waits for a director (separation of duties); the role rows change when the director confirms.
        (await browser.SubmitFormAsync($"/Admin/Staff/Edit/{member.Id}", new() { ["Input.Role"] = Roles.Auditor }, handler: "ChangeRole")).AssertRedirectTo("/Admin/Staff/Edit/");
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Sequence > start && a.EntityType.StartsWith("IdentityUserRole"))));
        (await directorBrowser.SubmitFormAsync("/Staff/Requests", new(), handler: "Confirm")).AssertRedirectTo("/Staff/Requests");

        var roleIds = await app.WithDbAsync(db => db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id));
        var rows = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Sequence > start && a.EntityType.StartsWith("IdentityUserRole"))
            .OrderBy(a => a.Sequence)
            .Select(a => new { a.Action, a.EntityKey, a.UserId })
            .ToListAsync());
        Assert.Equal(
            [(AuditActions.Delete, $"{member.Id}|{roleIds[Roles.Counselor]}"), (AuditActions.Insert, $"{member.Id}|{roleIds[Roles.Auditor]}")],
            rows.Select(r => (r.Action, r.EntityKey)).Order().ToList());
        Assert.All(rows, r => Assert.Equal(director.Id, r.UserId));
    }
}
