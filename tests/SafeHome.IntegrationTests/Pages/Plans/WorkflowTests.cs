using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Residents;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Plans;

/// The ISP workflow (DOMAIN.md §6B) through the real pages: every legal step, the illegal ones refused with a
/// message and no change, the director's return with comments, and the youth's refusal to sign.
public sealed class WorkflowTests
{
    [Theory, Providers]
    public async Task A_plan_goes_from_start_to_active_through_the_pages(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var (director, directorBrowser) = await app.SignInNewAsync(Roles.ProgramDirector);
        var residentId = await app.CreateResidentAsync(counselor.Id);

        var start = await browser.SubmitFormAsync($"/Plans/Index/{residentId}", new(), handler: "Start");
        var id = await app.WithDbAsync(db => db.ServicePlans.Select(p => p.Id).SingleAsync());
        start.AssertRedirectTo($"/Plans/Details/{id}");
        var draft = await PlanPages.LoadAsync(app, id);
        Assert.Equal((1, PlanStatus.Draft, counselor.Id), (draft.VersionNumber, draft.Status, draft.CreatedById));
        await PlanPages.AddGoalAsync(app, id);

        (await browser.SubmitFormAsync($"/Plans/Meeting/{id}", new()
        {
            ["Input.HeldOn"] = app.Today.AddDays(-1).ToString("yyyy-MM-dd"),
            ["Input.Attendees"] = "Youth, counselor, caseworker",
            ["Input.YouthParticipation"] = nameof(MeetingModality.Video),
            ["Input.YouthFeedback"] = "I want to choose my own classes.",
            ["Input.ChosenMemberOne"] = "Aunt Invented",
            ["Input.RightsAcknowledged"] = "true",
        })).AssertRedirectTo($"/Plans/Workflow/{id}");
        var meeting = (await PlanPages.LoadAsync(app, id)).Meeting!;
        Assert.Equal(app.Today.AddDays(-1), meeting.HeldOn);
        Assert.Equal(MeetingModality.Video, meeting.YouthParticipation);
        Assert.Equal("I want to choose my own classes.", meeting.YouthFeedback);
        Assert.Equal("Aunt Invented", meeting.ChosenMemberOne);
        Assert.True(meeting.RightsAcknowledged);

        (await browser.SubmitFormAsync($"/Plans/Workflow/{id}", new(), handler: "SendToYouth")).AssertRedirectTo($"/Plans/Workflow/{id}");
        Assert.Equal(PlanStatus.InReviewWithYouth, (await PlanPages.LoadAsync(app, id)).Status);

        (await browser.SubmitFormAsync($"/Plans/Workflow/{id}", new(), handler: "ReadyForSignatures")).AssertRedirectTo($"/Plans/Workflow/{id}");
        Assert.Equal(PlanStatus.PendingSignatures, (await PlanPages.LoadAsync(app, id)).Status);

        (await browser.SubmitFormAsync($"/Plans/Sign/{id}", new() { ["Input.Role"] = nameof(SignerRole.Youth), ["Input.SignerName"] = "Testa", ["Input.Method"] = nameof(SignatureMethod.ElectronicSignature) }))
            .AssertRedirectTo($"/Plans/Sign/{id}");
        (await browser.SubmitFormAsync($"/Plans/Sign/{id}", new() { ["Input.Role"] = nameof(SignerRole.Counselor), ["Input.SignerName"] = "" }))
            .AssertRedirectTo($"/Plans/Sign/{id}");
        (await browser.SubmitFormAsync($"/Plans/Sign/{id}", new() { ["Input.Role"] = nameof(SignerRole.PlacingCaseworker), ["Input.SignerName"] = "Invented Caseworker", ["Input.Method"] = nameof(SignatureMethod.WetSignatureScanned) }))
            .AssertRedirectTo($"/Plans/Sign/{id}");
        var signatures = (await PlanPages.LoadAsync(app, id)).Signatures.ToDictionary(s => s.Role);
        Assert.Equal(("Testa", (string?)null, false), (signatures[SignerRole.Youth].SignerName, signatures[SignerRole.Youth].UserId, signatures[SignerRole.Youth].Declined));
        Assert.Equal(("Test Counselor", counselor.Id), (signatures[SignerRole.Counselor].SignerName, signatures[SignerRole.Counselor].UserId));
        Assert.Equal(SignatureMethod.WetSignatureScanned, signatures[SignerRole.PlacingCaseworker].Method);
        Assert.Null(signatures[SignerRole.PlacingCaseworker].UserId);

        (await browser.SubmitFormAsync($"/Plans/Workflow/{id}", new(), handler: "SubmitForApproval")).AssertRedirectTo($"/Plans/Workflow/{id}");
        var pending = await PlanPages.LoadAsync(app, id);
        Assert.Equal((PlanStatus.PendingApproval, (DateOnly?)app.Today), (pending.Status, pending.SubmittedOn));

        (await directorBrowser.SubmitFormAsync($"/Plans/Approve/{id}", new(), handler: "Approve")).AssertRedirectTo($"/Plans/Details/{id}");
        var active = await PlanPages.LoadAsync(app, id);
        Assert.Equal(PlanStatus.Active, active.Status);
        Assert.Equal(director.Id, active.ApprovedById);
        Assert.Equal(app.Today, active.EffectiveOn);
        Assert.NotNull(active.ApprovedAtUtc);
    }

    [Theory]
    [ProviderInlineData(PlanStatus.Draft, new[] { "ReadyForSignatures", "SubmitForApproval" })]
    [ProviderInlineData(PlanStatus.InReviewWithYouth, new[] { "SendToYouth", "SubmitForApproval" })]
    [ProviderInlineData(PlanStatus.PendingSignatures, new[] { "SendToYouth", "ReadyForSignatures" })]
    [ProviderInlineData(PlanStatus.PendingApproval, new[] { "SendToYouth", "ReadyForSignatures", "SubmitForApproval" })]
    [ProviderInlineData(PlanStatus.Active, new[] { "SendToYouth", "ReadyForSignatures", "SubmitForApproval" })]
    public async Task Illegal_moves_are_refused_with_a_message_and_change_nothing(PlanStatus state, string[] handlers, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreatePlanAsync(residentId, state, counselor.Id);
        var before = await PlanPages.SnapshotAsync(app);

        foreach (var handler in handlers)
        {
            var response = await PlanPages.PostAsync(app, browser, $"/Plans/Workflow/{id}", handler, id);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await HtmlForms.ParseAsync(response);
            Assert.StartsWith("Nothing was changed:", page.QuerySelector(".validation-summary-errors")?.TextContent.Trim() ?? "(no message)", StringComparison.Ordinal);
            Assert.Equal(before, await PlanPages.SnapshotAsync(app));
        }

        // The page offers exactly the legal moves.
        var offered = (await browser.GetDocumentAsync($"/Plans/Workflow/{id}")).QuerySelectorAll("form[method=post]").OfType<IHtmlFormElement>()
            .Select(f => f.Action).Where(a => a.Contains("handler=", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(offered, a => handlers.Any(h => a.EndsWith($"handler={h}", StringComparison.Ordinal)));
    }

    [Theory, Providers]
    public async Task A_move_that_lacks_something_says_what_is_missing_and_changes_nothing(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreatePlanAsync(residentId, PlanStatus.InReviewWithYouth, counselor.Id);
        await app.WithDbAsync(async db =>
        {
            // The 15-year-old's meeting, now without the rights-list acknowledgement.
            var plan = await db.ServicePlans.Include(p => p.Meeting).SingleAsync(p => p.Id == id);
            var m = plan.Meeting!;
            plan.RecordMeeting(new MeetingDetails(m.HeldOn, m.Attendees, m.YouthParticipation, m.YouthFeedback, null, null, RightsAcknowledged: false), app.Today, 15);
            return await db.SaveChangesAsync();
        });

        var workflow = await browser.GetDocumentAsync($"/Plans/Workflow/{id}");
        Assert.Contains("rights list", workflow.QuerySelector("#missing")!.TextContent, StringComparison.Ordinal);
        var refused = await browser.SubmitFormAsync(workflow, $"/Plans/Workflow/{id}", new(), handler: "ReadyForSignatures");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("rights", (await HtmlForms.ParseAsync(refused)).QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(PlanStatus.InReviewWithYouth, (await PlanPages.LoadAsync(app, id)).Status);

        var other = await app.CreateResidentAsync(counselor.Id, "Second Example", "Second Q. Example");
        var unsigned = await app.CreatePlanAsync(other, PlanStatus.PendingSignatures, counselor.Id);
        var page = await browser.GetDocumentAsync($"/Plans/Workflow/{unsigned}");
        Assert.Contains("the counselor", page.QuerySelector("#missing")!.TextContent, StringComparison.Ordinal);
        var notSigned = await browser.SubmitFormAsync(page, $"/Plans/Workflow/{unsigned}", new(), handler: "SubmitForApproval");

        Assert.Equal(HttpStatusCode.OK, notSigned.StatusCode);
        Assert.Contains("Still to sign", (await HtmlForms.ParseAsync(notSigned)).QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(PlanStatus.PendingSignatures, (await PlanPages.LoadAsync(app, unsigned)).Status);
    }

    [Theory, Providers]
    public async Task A_director_returns_a_plan_with_comments_voiding_the_signatures_but_keeping_them(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreatePlanAsync(residentId, PlanStatus.PendingApproval, counselor.Id);
        app.Clock.Advance(TimeSpan.FromHours(2));
        var browser = await app.SignInAsync(counselor);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);

        var approvePage = await director.GetDocumentAsync($"/Plans/Approve/{id}");
        Assert.Equal(3, approvePage.QuerySelectorAll("#signatures tbody tr").Length);
        var response = await director.SubmitFormAsync(approvePage, $"/Plans/Approve/{id}", new() { ["Input.ReturnComments"] = "Add a goal about family visits." }, handler: "Return");

        response.AssertRedirectTo($"/Plans/Details/{id}");
        var plan = await PlanPages.LoadAsync(app, id);
        Assert.Equal(PlanStatus.ReturnedForRevision, plan.Status);
        Assert.Equal("Add a goal about family visits.", plan.ReturnComments);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, plan.ReturnedAtUtc);
        Assert.Equal(3, plan.Signatures.Count);
        Assert.All(plan.Signatures, s => Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, s.VoidedAtUtc));
        Assert.Null(plan.ApprovedAtUtc);

        // The counselor sees the comments, revises, and sends the plan back to the youth; signatures start again.
        var workflow = await browser.GetDocumentAsync($"/Plans/Workflow/{id}");
        Assert.Contains("Add a goal about family visits.", workflow.QuerySelector("#return-comments")!.TextContent, StringComparison.Ordinal);
        (await browser.SubmitFormAsync(workflow, $"/Plans/Workflow/{id}", new(), handler: "SendToYouth")).AssertRedirectTo($"/Plans/Workflow/{id}");
        Assert.Equal(PlanStatus.InReviewWithYouth, (await PlanPages.LoadAsync(app, id)).Status);
        var sign = await browser.GetDocumentAsync($"/Plans/Sign/{id}");
        Assert.Equal(3, sign.QuerySelectorAll("#signatures .voided").Length);
    }

    [Theory, Providers]
    public async Task A_return_without_comments_is_refused_and_nothing_changes(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreatePlanAsync(residentId, PlanStatus.PendingApproval, counselor.Id);
        var before = await PlanPages.SnapshotAsync(app);

        var response = await director.SubmitFormAsync($"/Plans/Approve/{id}", new() { ["Input.ReturnComments"] = "   " }, handler: "Return");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Tell the counselor what to revise.", (await HtmlForms.ParseAsync(response)).FieldError("Input.ReturnComments"));
        Assert.Equal(before, await PlanPages.SnapshotAsync(app));
    }

    [Theory, Providers]
    public async Task Approval_is_refused_for_a_plan_not_waiting_for_it(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreatePlanAsync(residentId, PlanStatus.PendingSignatures, counselor.Id);
        var before = await PlanPages.SnapshotAsync(app);

        var page = await director.GetDocumentAsync($"/Plans/Approve/{id}");
        Assert.NotNull(page.QuerySelector("#not-pending"));
        var response = await PlanPages.PostAsync(app, director, $"/Plans/Approve/{id}", "Approve", id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("cannot become active", (await HtmlForms.ParseAsync(response)).QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await PlanPages.SnapshotAsync(app));
    }

    [Theory, Providers]
    public async Task A_youths_refusal_to_sign_is_recorded_with_the_reason_and_never_without_one(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreatePlanAsync(residentId, PlanStatus.PendingSignatures, counselor.Id);
        var refusal = new Dictionary<string, string>
        {
            ["Input.Role"] = nameof(SignerRole.Youth),
            ["Input.SignerName"] = "Testa",
            ["Input.Declined"] = "true",
            ["Input.DeclineReason"] = "",
        };

        var noReason = await browser.SubmitFormAsync($"/Plans/Sign/{id}", refusal);

        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Equal("Record the reason the youth gave for not signing.", (await HtmlForms.ParseAsync(noReason)).FieldError("Input.DeclineReason"));
        Assert.Empty((await PlanPages.LoadAsync(app, id)).Signatures);

        refusal["Input.DeclineReason"] = "I don't want my name on the school goal.";
        (await browser.SubmitFormAsync($"/Plans/Sign/{id}", refusal)).AssertRedirectTo($"/Plans/Sign/{id}");

        var signature = Assert.Single((await PlanPages.LoadAsync(app, id)).Signatures);
        Assert.Equal((SignerRole.Youth, true, "I don't want my name on the school goal."), (signature.Role, signature.Declined, signature.DeclineReason));
        var page = await browser.GetDocumentAsync($"/Plans/Sign/{id}");
        Assert.Contains("I don't want my name on the school goal.", page.QuerySelector("#signatures .declined")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("youth", page.QuerySelector("#missing")!.TextContent, StringComparison.Ordinal);
    }

    [Theory, Providers]
    public async Task A_second_signature_for_a_role_and_a_refusal_by_anyone_but_the_youth_are_refused(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreatePlanAsync(residentId, PlanStatus.PendingSignatures, counselor.Id);
        var guardian = new Dictionary<string, string> { ["Input.Role"] = nameof(SignerRole.Guardian), ["Input.SignerName"] = "Invented Guardian" };
        (await browser.SubmitFormAsync($"/Plans/Sign/{id}", guardian)).AssertRedirectTo($"/Plans/Sign/{id}");

        guardian["Input.SignerName"] = "Another Guardian";
        var twice = await browser.SubmitFormAsync($"/Plans/Sign/{id}", guardian);
        var counselorDeclines = await browser.SubmitFormAsync($"/Plans/Sign/{id}", new()
        {
            ["Input.Role"] = nameof(SignerRole.Counselor), ["Input.Declined"] = "true", ["Input.DeclineReason"] = "Busy",
        });

        Assert.Equal("This role has already signed this version.", (await HtmlForms.ParseAsync(twice)).FieldError("Input.Role"));
        Assert.Contains("Only the youth's refusal", (await HtmlForms.ParseAsync(counselorDeclines)).FieldError("Input.Declined"), StringComparison.Ordinal);
        Assert.Equal("Invented Guardian", Assert.Single((await PlanPages.LoadAsync(app, id)).Signatures).SignerName);
    }

    [Theory, Providers]
    public async Task Signatures_are_refused_on_a_plan_that_is_not_waiting_for_them(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreatePlanAsync(residentId, PlanStatus.InReviewWithYouth, counselor.Id);

        Assert.NotNull((await browser.GetDocumentAsync($"/Plans/Sign/{id}")).QuerySelector("#not-signing"));
        var response = await PlanPages.PostAsync(app, browser, $"/Plans/Sign/{id}", null, id, new() { ["Input.Role"] = "Youth", ["Input.SignerName"] = "Testa" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("only while the plan is waiting for signatures", (await HtmlForms.ParseAsync(response)).QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Empty((await PlanPages.LoadAsync(app, id)).Signatures);
    }

    [Theory, Providers]
    public async Task The_meeting_refuses_a_future_date_and_chosen_members_under_14_with_field_messages(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        await app.WithDbAsync(async db =>
        {
            var resident = await db.Residents.SingleAsync(r => r.Id == residentId);
            resident.UpdateDetails(
                new ResidentDetails(resident.LegalName, resident.PreferredName, null, app.Today.AddYears(-12), Sex.Female, null, "English", false, null, CustodyStatus.Dependency, null),
                app.Today,
                AdmissionAgeRange.Default);
            return await db.SaveChangesAsync();
        });
        var id = await app.CreatePlanAsync(residentId, PlanStatus.Draft, counselor.Id);
        var valid = new Dictionary<string, string>
        {
            ["Input.HeldOn"] = app.Today.ToString("yyyy-MM-dd"),
            ["Input.Attendees"] = "Youth, counselor",
            ["Input.YouthParticipation"] = nameof(MeetingModality.InPerson),
        };

        var future = await browser.SubmitFormAsync($"/Plans/Meeting/{id}", new(valid) { ["Input.HeldOn"] = app.Today.AddDays(1).ToString("yyyy-MM-dd") });
        var chosen = await browser.SubmitFormAsync($"/Plans/Meeting/{id}", new(valid) { ["Input.ChosenMemberTwo"] = "Invented Mentor" });
        var noAttendees = await browser.SubmitFormAsync($"/Plans/Meeting/{id}", new(valid) { ["Input.Attendees"] = " " });
        var script = await browser.SubmitFormAsync($"/Plans/Meeting/{id}", new(valid) { ["Input.ChosenMemberOne"] = "Bad\u202Ename", ["Input.YouthFeedback"] = new string('x', 2001) });

        Assert.Equal("The meeting date cannot be in the future.", (await HtmlForms.ParseAsync(future)).FieldError("Input.HeldOn"));
        Assert.Contains("from age 14", (await HtmlForms.ParseAsync(chosen)).FieldError("Input.ChosenMemberOne"), StringComparison.Ordinal);
        Assert.Equal("List who attended.", (await HtmlForms.ParseAsync(noAttendees)).FieldError("Input.Attendees"));
        var bad = await HtmlForms.ParseAsync(script);
        Assert.NotNull(bad.FieldError("Input.ChosenMemberOne"));
        Assert.NotNull(bad.FieldError("Input.YouthFeedback"));
        Assert.All(new[] { future, chosen, noAttendees, script }, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Null((await PlanPages.LoadAsync(app, id)).Meeting);

        (await browser.SubmitFormAsync($"/Plans/Meeting/{id}", valid)).AssertRedirectTo($"/Plans/Workflow/{id}");
        Assert.Equal("Youth, counselor", (await PlanPages.LoadAsync(app, id)).Meeting!.Attendees);
    }

    [Theory, Providers]
    public async Task The_meeting_of_a_version_past_review_cannot_be_changed(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreatePlanAsync(residentId, PlanStatus.Active, counselor.Id);
        var before = await PlanPages.SnapshotAsync(app);

        var page = await browser.GetDocumentAsync($"/Plans/Meeting/{id}");
        Assert.NotNull(page.QuerySelector("#locked"));
        Assert.Null(page.QuerySelector("textarea[name='Input.Attendees']"));
        var response = await PlanPages.PostAsync(app, browser, $"/Plans/Meeting/{id}", null, id, new()
        {
            ["Input.HeldOn"] = app.Today.ToString("yyyy-MM-dd"),
            ["Input.Attendees"] = "Changed after approval",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no longer changes", (await HtmlForms.ParseAsync(response)).QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await PlanPages.SnapshotAsync(app));
    }

    [Theory, Providers]
    public async Task Two_meeting_saves_from_the_same_version_save_once_and_the_second_keeps_its_typing(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var id = await app.CreatePlanAsync(residentId, PlanStatus.InReviewWithYouth, counselor.Id);
        var versionBefore = (await PlanPages.LoadAsync(app, id)).Version;
        var first = await browser.GetDocumentAsync($"/Plans/Meeting/{id}");
        var second = await browser.GetDocumentAsync($"/Plans/Meeting/{id}");

        (await browser.SubmitFormAsync(first, $"/Plans/Meeting/{id}", new() { ["Input.Attendees"] = "First tab" })).AssertRedirectTo($"/Plans/Workflow/{id}");
        var late = await browser.SubmitFormAsync(second, $"/Plans/Meeting/{id}", new() { ["Input.Attendees"] = "Second tab" });

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var page = await HtmlForms.ParseAsync(late);
        Assert.NotNull(page.QuerySelector("#conflict"));
        Assert.Equal("Second tab", page.QuerySelector("textarea[name='Input.Attendees']")!.TextContent);
        var saved = await PlanPages.LoadAsync(app, id);
        Assert.Equal("First tab", saved.Meeting!.Attendees);
        Assert.Equal(versionBefore + 1, saved.Version);

        // The re-rendered form carries the current version, so saving again after a look succeeds.
        (await browser.SubmitFormAsync(page, $"/Plans/Meeting/{id}", new())).AssertRedirectTo($"/Plans/Workflow/{id}");
        Assert.Equal("Second tab", (await PlanPages.LoadAsync(app, id)).Meeting!.Attendees);
    }
}

/// Loading, snapshotting and posting for the plan workflow tests.
internal static class PlanPages
{
    public static Task<ServicePlan> LoadAsync(SafeHomeApp app, Guid id) => app.WithDbAsync(db => db.ServicePlans.AsNoTracking()
        .Include(p => p.Meeting).Include(p => p.Signatures).Include(p => p.Strengths)
        .Include(p => p.Goals).ThenInclude(g => g.Objectives).ThenInclude(o => o.Interventions)
        .AsSplitQuery()
        .SingleAsync(p => p.Id == id));

    /// Every plan's workflow state, meeting and signatures, to show that a refused request changed nothing.
    public static Task<string> SnapshotAsync(SafeHomeApp app) => app.WithDbAsync(async db =>
    {
        var plans = await db.ServicePlans.AsNoTracking().Include(p => p.Meeting).Include(p => p.Signatures).Include(p => p.Goals).ThenInclude(g => g.Objectives)
            .AsSplitQuery().OrderBy(p => p.Id).ToListAsync();
        return string.Join("|", plans.Select(p =>
            $"{p.Id}:{p.VersionNumber}:{p.Status}:{p.Version}:{p.ReturnComments}:{p.ApprovedById}:{p.SubmittedOn}:{p.YouthVision}:{p.Meeting?.Attendees}:{p.Meeting?.Version}:"
            + string.Join(",", p.Signatures.OrderBy(s => s.Id).Select(s => $"{s.Role}/{s.SignerName}/{s.VoidedAtUtc}"))
            + ":" + string.Join(",", p.Goals.SelectMany(g => g.Objectives).OrderBy(o => o.Id).Select(o => o.Target))));
    });

    /// Posts to a handler the page may not offer (an illegal move, a locked form): a well-formed request with this
    /// user's antiforgery token, taken from a page they can open, and the plan's current version.
    public static async Task<HttpResponseMessage> PostAsync(SafeHomeApp app, HttpClient browser, string url, string? handler, Guid? planId, Dictionary<string, string>? fields = null, string? tokenPage = null)
    {
        var token = await browser.AntiforgeryTokenAsync(tokenPage ?? url);
        var version = planId is { } id ? await app.WithDbAsync(db => db.ServicePlans.Where(p => p.Id == id).Select(p => p.Version).SingleAsync()) : 0;
        var form = new Dictionary<string, string>(fields ?? []) { ["__RequestVerificationToken"] = token, ["Input.Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        return await browser.PostAsync(handler is null ? url : $"{url}?handler={handler}", new FormUrlEncodedContent(form));
    }

    public static Task AddGoalAsync(SafeHomeApp app, Guid planId) => app.WithDbAsync(async db =>
    {
        var plan = await db.ServicePlans.Include(p => p.Goals).SingleAsync(p => p.Id == planId);
        plan.AddGoal(new GoalDetails(PlanDomain.Safety, "Feel safe at home", null, GoalPriority.High, null, GoalStatus.NotStarted, null, null, null, null, null, null));
        return await db.SaveChangesAsync();
    });
}
