using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeHome.Data;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using SafeHome.Web.Infrastructure;
using SafeHome.Web.Jobs;

namespace SafeHome.IntegrationTests.Audit;

/// The three ways the chain is verified (issue 6 item 3): the auditor's "Verify integrity" page, the nightly job and
/// the verify-audit command. Each reports how many entries it checked and, on failure, the first bad entry; a failed
/// nightly check alerts auditors and directors until a later check passes.
public sealed class IntegrityCheckTests
{
    private static Task<int> SqlAsync(SafeHomeApp app, string sql) => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql));

    private static async Task<bool> RunNightlyAsync(SafeHomeApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditVerifyJob>().RunAsync(CancellationToken.None);
    }

    [Theory, Providers]
    public async Task An_auditor_verifies_from_the_page_and_sees_the_count_and_the_run_listed(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        await app.CreateResidentAsync(counselor.Id);
        var (auditor, browser) = await app.SignInNewAsync(Roles.Auditor);

        var page = await browser.GetDocumentAsync("/Audit/Verify");
        Assert.NotNull(page.QuerySelector("#no-runs"));
        var response = await browser.SubmitFormAsync(page, "/Audit/Verify", []);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var check = await app.WithDbAsync(db => db.IntegrityChecks.SingleAsync());
        Assert.Equal((true, IntegrityCheckSource.Auditor, auditor.Id), (check.Intact, check.Source, check.RequestedById));
        var entries = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Sequence <= check.HeadSequence));
        Assert.Equal(entries, check.Checked);
        var result = (await HtmlForms.ParseAsync(response)).QuerySelector("#verify-result")!.TextContent;
        Assert.Contains("Intact", result, StringComparison.Ordinal);
        Assert.Contains($"{check.Checked} entries checked", result, StringComparison.Ordinal);
        Assert.Single((await browser.GetDocumentAsync("/Audit/Verify")).QuerySelectorAll("#runs tbody tr"));
    }

    [Theory, Providers]
    public async Task A_failed_nightly_check_alerts_auditors_and_directors_until_a_later_check_passes(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, counselorBrowser) = await app.SignInNewAsync(Roles.Counselor);
        await app.CreateResidentAsync(counselor.Id);
        var (_, auditor) = await app.SignInNewAsync(Roles.Auditor);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);
        Assert.True(await RunNightlyAsync(app));
        Assert.Null((await director.GetDocumentAsync("/Residents/Index")).QuerySelector("#integrity-alert"));

        await app.DropAuditTriggersAsync();
        var original = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Sequence == 2).Select(a => a.Action).SingleAsync());
        await SqlAsync(app, "UPDATE \"AuditEntries\" SET \"Action\" = 'view' WHERE \"Sequence\" = 2");
        Assert.False(await RunNightlyAsync(app));

        var alert = (await auditor.GetDocumentAsync("/Residents/Index")).QuerySelector("#integrity-alert");
        Assert.NotNull(alert);
        Assert.Contains("at entry 2", alert.TextContent, StringComparison.Ordinal);
        Assert.Equal("/Audit/Verify", alert.QuerySelector("a")!.GetAttribute("href"));
        Assert.NotNull((await director.GetDocumentAsync("/Residents/Index")).QuerySelector("#integrity-alert"));
        Assert.Null((await counselorBrowser.GetDocumentAsync("/Residents/Index")).QuerySelector("#integrity-alert"));
        Assert.Null((await admin.GetDocumentAsync("/Admin/Staff/Index")).QuerySelector("#integrity-alert"));
        var failed = await app.WithDbAsync(db => db.IntegrityChecks.Where(c => !c.Intact).SingleAsync());
        Assert.Equal((IntegrityCheckSource.Nightly, ChainProblem.Changed, (long?)2), (failed.Source, failed.Problem, failed.FirstBadSequence));

        // Restored from a backup, the entry verifies again and the alert goes away.
        await SqlAsync(app, $"UPDATE \"AuditEntries\" SET \"Action\" = '{original}' WHERE \"Sequence\" = 2");
        Assert.True(await RunNightlyAsync(app));
        Assert.Null((await director.GetDocumentAsync("/Residents/Index")).QuerySelector("#integrity-alert"));
    }

    [Theory, Providers]
    public async Task The_verify_audit_command_prints_the_count_and_exits_non_zero_naming_every_bad_entry(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        await app.CreateResidentAsync(counselor.Id);

        var intact = new StringWriter();
        Assert.Equal(0, await CommandLine.VerifyAuditAsync(app.Services, intact));
        Assert.Matches(@"^Audit chain intact: \d+ entries checked", intact.ToString());

        await app.DropAuditTriggersAsync();
        await SqlAsync(app, "DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = 3");
        var broken = new StringWriter();
        Assert.Equal(1, await CommandLine.VerifyAuditAsync(app.Services, broken));
        var total = await app.WithDbAsync(db => db.AuditEntries.LongCountAsync());
        var head = await app.WithDbAsync(db => db.AuditEntries.MaxAsync(a => a.Sequence));
        Assert.StartsWith($"Audit chain BROKEN: {total} entries checked up to entry {head}; 1 problem(s): entry 3 is missing", broken.ToString(), StringComparison.Ordinal);
        Assert.Contains("  Missing at 3: entry 3 is missing", broken.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_parser_knows_the_verify_audit_verb()
    {
        Assert.Equal("verify-audit", CommandLine.Parse(["verify-audit"]).Verb);
    }
}
