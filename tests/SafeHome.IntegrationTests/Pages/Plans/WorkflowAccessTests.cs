using System.Net;
using SafeHome.Data;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Plans;

/// SECURITY.md Z3/Z4 on the workflow and version pages: another counselor's plans answer 404 on every page and
/// handler, auditors read but every write is 403, and each role keeps to its own steps. Nothing changes.
public sealed class WorkflowAccessTests
{
    [Theory, Providers]
    public async Task Another_counselors_plans_answer_404_on_every_page_and_handler_and_nothing_changes(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (a, browserA) = await app.SignInNewAsync(Roles.Counselor);
        var b = await app.CreateStaffAsync(Roles.Counselor);
        var own = await app.CreateResidentAsync(a.Id);
        var ownPlan = await app.CreatePlanAsync(own, PlanStatus.Draft, a.Id);
        var theirs = await BPlansAsync(app, b.Id);
        var before = await PlanPages.SnapshotAsync(app);

        string[] gets =
        [
            $"/Plans/Index/{theirs.NoPlan}", $"/Plans/Index/{theirs.Resident}", $"/Plans/Compare/{theirs.Resident}",
            $"/Plans/Compare/{theirs.Resident}?from={theirs.Active}&to={theirs.Draft}", $"/Plans/Compare/{own}?from={ownPlan}&to={theirs.Draft}",
            $"/Plans/Workflow/{theirs.Draft}", $"/Plans/Meeting/{theirs.Draft}", $"/Plans/Sign/{theirs.Signing}", $"/Plans/Print/{theirs.Active}",
        ];
        foreach (var url in gets)
        {
            Assert.True((await browserA.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, $"GET {url}");
        }

        // Each write aimed where it would succeed for B, carrying A's valid token and the plan's real version.
        (string Url, string? Handler, Guid? Plan, Dictionary<string, string>? Fields)[] posts =
        [
            ($"/Plans/Index/{theirs.NoPlan}", "Start", null, null),
            ($"/Plans/Index/{theirs.ActiveOnly}", "Revise", null, null),
            ($"/Plans/Workflow/{theirs.Draft}", "SendToYouth", theirs.Draft, null),
            ($"/Plans/Workflow/{theirs.InReview}", "ReadyForSignatures", theirs.InReview, null),
            ($"/Plans/Workflow/{theirs.Signing}", "SubmitForApproval", theirs.Signing, null),
            ($"/Plans/Meeting/{theirs.Draft}", null, theirs.Draft, ValidMeeting(app)),
            ($"/Plans/Sign/{theirs.Signing}", null, theirs.Signing, ValidSignature()),
        ];
        foreach (var (url, handler, plan, fields) in posts)
        {
            var response = await PlanPages.PostAsync(app, browserA, url, handler, plan, fields, tokenPage: "/Residents");
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"POST {url} {handler}: {(int)response.StatusCode}");
        }

        Assert.Equal(before, await PlanPages.SnapshotAsync(app));
        Assert.Equal(HttpStatusCode.OK, (await browserA.GetAsync($"/Plans/Workflow/{ownPlan}")).StatusCode);
    }

    [Theory, Providers]
    public async Task An_auditor_reads_versions_comparisons_and_the_youths_copy_but_every_write_is_refused(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var (_, auditor) = await app.SignInNewAsync(Roles.Auditor);
        var plans = await BPlansAsync(app, counselor.Id);
        var pendingApproval = await app.CreatePlanAsync(await app.CreateResidentAsync(counselor.Id, "Pending Example", "Pending Q. Example"), PlanStatus.PendingApproval, counselor.Id);
        var before = await PlanPages.SnapshotAsync(app);

        foreach (var url in new[] { $"/Plans/Index/{plans.Resident}", $"/Plans/Compare/{plans.Resident}?from={plans.Active}&to={plans.Draft}", $"/Plans/Print/{plans.Active}" })
        {
            Assert.True((await auditor.GetAsync(url)).StatusCode == HttpStatusCode.OK, $"GET {url}");
        }

        foreach (var url in new[] { $"/Plans/Workflow/{plans.Draft}", $"/Plans/Meeting/{plans.Draft}", $"/Plans/Sign/{plans.Signing}", $"/Plans/Approve/{pendingApproval}" })
        {
            Assert.True((await auditor.GetAsync(url)).StatusCode == HttpStatusCode.Forbidden, $"GET {url}");
        }

        (string Url, string? Handler, Guid? Plan, Dictionary<string, string>? Fields)[] posts =
        [
            ($"/Plans/Index/{plans.NoPlan}", "Start", null, null),
            ($"/Plans/Index/{plans.ActiveOnly}", "Revise", null, null),
            ($"/Plans/Workflow/{plans.Draft}", "SendToYouth", plans.Draft, null),
            ($"/Plans/Workflow/{plans.InReview}", "ReadyForSignatures", plans.InReview, null),
            ($"/Plans/Workflow/{plans.Signing}", "SubmitForApproval", plans.Signing, null),
            ($"/Plans/Meeting/{plans.Draft}", null, plans.Draft, ValidMeeting(app)),
            ($"/Plans/Sign/{plans.Signing}", null, plans.Signing, ValidSignature()),
            ($"/Plans/Approve/{pendingApproval}", "Approve", pendingApproval, null),
            ($"/Plans/Approve/{pendingApproval}", "Return", pendingApproval, new() { ["Input.ReturnComments"] = "Auditor was here" }),
        ];
        foreach (var (url, handler, plan, fields) in posts)
        {
            var response = await PlanPages.PostAsync(app, auditor, url, handler, plan, fields, tokenPage: "/Residents");
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"POST {url} {handler}: {(int)response.StatusCode}");
        }

        Assert.Equal(before, await PlanPages.SnapshotAsync(app));
    }

    [Theory, Providers]
    public async Task A_counselor_cannot_approve_or_return_and_a_director_cannot_start_revise_or_move_a_plan(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, counselorBrowser) = await app.SignInNewAsync(Roles.Counselor);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var plans = await BPlansAsync(app, counselor.Id);
        var pendingApproval = await app.CreatePlanAsync(await app.CreateResidentAsync(counselor.Id, "Pending Example", "Pending Q. Example"), PlanStatus.PendingApproval, counselor.Id);
        var before = await PlanPages.SnapshotAsync(app);

        Assert.Equal(HttpStatusCode.Forbidden, (await counselorBrowser.GetAsync($"/Plans/Approve/{pendingApproval}")).StatusCode);
        foreach (var handler in new[] { "Approve", "Return" })
        {
            var response = await PlanPages.PostAsync(app, counselorBrowser, $"/Plans/Approve/{pendingApproval}", handler, pendingApproval, new() { ["Input.ReturnComments"] = "Counselor was here" }, tokenPage: "/Residents");
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"counselor {handler}: {(int)response.StatusCode}");
        }

        Assert.Equal(HttpStatusCode.OK, (await director.GetAsync($"/Plans/Index/{plans.NoPlan}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await director.GetAsync($"/Plans/Workflow/{plans.Draft}")).StatusCode);
        (string Url, string Handler, Guid? Plan)[] posts =
        [
            ($"/Plans/Index/{plans.NoPlan}", "Start", null),
            ($"/Plans/Index/{plans.ActiveOnly}", "Revise", null),
            ($"/Plans/Workflow/{plans.Draft}", "SendToYouth", plans.Draft),
        ];
        foreach (var (url, handler, plan) in posts)
        {
            var response = await PlanPages.PostAsync(app, director, url, handler, plan, tokenPage: "/Residents");
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"director {handler}: {(int)response.StatusCode}");
        }

        Assert.Equal(before, await PlanPages.SnapshotAsync(app));
    }

    private sealed record Plans(Guid NoPlan, Guid Resident, Guid Active, Guid Draft, Guid ActiveOnly, Guid InReview, Guid Signing);

    /// One counselor's residents, with a plan in each state a write would act on.
    private static async Task<Plans> BPlansAsync(SafeHomeApp app, string counselorId)
    {
        var noPlan = await app.CreateResidentAsync(counselorId, "Noplan Example", "Noplan Q. Example");
        var resident = await app.CreateResidentAsync(counselorId, "Versions Example", "Versions Q. Example");
        var active = await app.CreatePlanAsync(resident, PlanStatus.Active, counselorId);
        var draft = await app.CreatePlanAsync(resident, PlanStatus.Draft, counselorId);
        var activeOnly = await app.CreateResidentAsync(counselorId, "Active Example", "Active Q. Example");
        await app.CreatePlanAsync(activeOnly, PlanStatus.Active, counselorId);
        var inReview = await app.CreatePlanAsync(await app.CreateResidentAsync(counselorId, "Review Example", "Review Q. Example"), PlanStatus.InReviewWithYouth, counselorId);
        var signing = await app.CreatePlanAsync(await app.CreateResidentAsync(counselorId, "Signing Example", "Signing Q. Example"), PlanStatus.PendingSignatures, counselorId);
        return new Plans(noPlan, resident, active, draft, activeOnly, inReview, signing);
    }

    private static Dictionary<string, string> ValidMeeting(SafeHomeApp app) => new()
    {
        ["Input.HeldOn"] = app.Today.ToString("yyyy-MM-dd"),
        ["Input.Attendees"] = "Someone else",
        ["Input.YouthParticipation"] = nameof(MeetingModality.InPerson),
        ["Input.RightsAcknowledged"] = "true",
    };

    private static Dictionary<string, string> ValidSignature() => new()
    {
        ["Input.Role"] = nameof(SignerRole.Guardian),
        ["Input.SignerName"] = "Forged Guardian",
        ["Input.Method"] = nameof(SignatureMethod.ElectronicSignature),
    };
}
