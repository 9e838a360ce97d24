using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Residents;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using SafeHome.Web.Pages.Missing;

namespace SafeHome.IntegrationTests.Pages.Placement;

/// Recording a placement-safety decision through the real form: every factor stored as typed, signed, tied to the
/// current stay, and meeting every open request for a decision in the same save.
public sealed class DecideTests
{
    // The fake clock stands at 2026-06-15 15:00 UTC (zone UTC).
    internal static Dictionary<string, string> Values(
        string miles = "12", string otherYouth = "2", string rationale = "Invented rationale: distance outweighs school continuity.",
        string signedName = "Invented Counselor", string occasion = nameof(DecisionOccasion.Admission)) => new()
    {
        ["Input.DistanceFromExploitationMiles"] = miles,
        ["Input.KnownExploiterNearby"] = "true",
        ["Input.OtherTraffickedYouthInPlacement"] = otherYouth,
        ["Input.SchoolContinuity"] = "false",
        ["Input.FamilyCommunityTies"] = string.Empty,
        ["Input.Interstate"] = "true",
        ["Input.Notes"] = "Invented note: the old school is two blocks from the corner.",
        ["Input.Occasion"] = occasion,
        ["Input.Decision"] = nameof(PlacementDecisionKind.PlaceAwayFromCommunity),
        ["Input.Rationale"] = rationale,
        ["Input.SignedName"] = signedName,
    };

    [Theory, Providers]
    public async Task A_signed_decision_is_stored_with_every_factor_tied_to_the_current_stay(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var url = $"/Placement/Decide/{residentId}";

        var form = await browser.GetDocumentAsync(url);
        Assert.Equal("0", form.QuerySelector("input[name='Input.OtherTraffickedYouthInPlacement']")!.GetAttribute("value"));
        var response = await browser.SubmitFormAsync(form, url, Values());

        response.AssertRedirectTo($"/Placement/{residentId}");
        var stayId = await app.WithDbAsync(db => db.Stays.Where(s => s.ResidentId == residentId).Select(s => s.Id).SingleAsync());
        var d = await app.WithDbAsync(db => db.PlacementSafetyDecisions.SingleAsync());
        Assert.Equal(
            (residentId, stayId, (int?)12, (bool?)true, 2, (bool?)false, (bool?)null, true),
            (d.ResidentId, d.StayId, d.DistanceFromExploitationMiles, d.KnownExploiterNearby, d.OtherTraffickedYouthInPlacement, d.SchoolContinuity, d.FamilyCommunityTies, d.Interstate));
        Assert.Equal(
            ("Invented note: the old school is two blocks from the corner.", DecisionOccasion.Admission, (Guid?)null, PlacementDecisionKind.PlaceAwayFromCommunity),
            (d.FactorNotes, d.Occasion, d.SourceId, d.Decision));
        Assert.Equal(
            ("Invented rationale: distance outweighs school continuity.", "Invented Counselor", counselor.Id, app.Clock.GetUtcNow().UtcDateTime),
            (d.Rationale, d.SignedName, d.DecidedById, d.DecidedAtUtc));
        Assert.True(d.ContentHashMatches());
    }

    [Theory, Providers]
    public async Task Deciding_resolves_every_open_placement_follow_up_and_leaves_the_plan_reviews_open(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var episodeId = await app.CreateEpisodeAsync(residentId, returned: true);
        var disclosureId = await RaiseFollowUpsAsync(app, residentId, episodeId);
        var episodeFollowUp = await app.WithDbAsync(db => db.CareFollowUps.Where(f => f.SourceId == episodeId && f.Kind == FollowUpKind.PlacementDecision).Select(f => f.Id).SingleAsync());

        var index = await browser.GetDocumentAsync($"/Placement/Index/{residentId}");
        Assert.Equal(2, index.QuerySelectorAll("#follow-ups li.follow-up").Length);
        var url = $"/Placement/Decide/{residentId}?followUpId={episodeFollowUp}";
        var form = await browser.GetDocumentAsync(url);
        Assert.Equal(episodeFollowUp.ToString(), form.QuerySelector("input[name='Input.FollowUpId']")!.GetAttribute("value"));
        var occasion = form.QuerySelector("select[name='Input.Occasion'] option:checked")!.GetAttribute("value");
        var values = Values();
        values.Remove("Input.Occasion");

        var response = await browser.SubmitFormAsync(form, url, values);

        response.AssertRedirectTo($"/Placement/{residentId}");
        var decision = await app.WithDbAsync(db => db.PlacementSafetyDecisions.SingleAsync());
        Assert.Equal(((int)DecisionOccasion.AfterMissingEpisode).ToString(System.Globalization.CultureInfo.InvariantCulture), occasion);
        Assert.Equal((DecisionOccasion.AfterMissingEpisode, (Guid?)episodeId), (decision.Occasion, decision.SourceId));
        var followUps = await app.WithDbAsync(db => db.CareFollowUps.AsNoTracking().ToListAsync());
        var placement = followUps.Where(f => f.Kind == FollowUpKind.PlacementDecision).ToList();
        Assert.Equal(new[] { episodeId, disclosureId }.Order(), placement.Select(f => f.SourceId).Order());
        Assert.All(placement, f => Assert.Equal(((Guid?)decision.Id, (DateTime?)app.Clock.GetUtcNow().UtcDateTime), (f.ResolvedById, f.ResolvedAtUtc)));
        Assert.All(followUps.Where(f => f.Kind == FollowUpKind.TriggeredReview), f => Assert.Null(f.ResolvedAtUtc));
        var after = await browser.GetDocumentAsync($"/Placement/Index/{residentId}");
        Assert.Null(after.QuerySelector("#follow-ups"));
    }

    public static TheoryData<string, string, string> Refusals() => new()
    {
        { "Input.Rationale", string.Empty, "Explain the decision" },
        { "Input.Rationale", "   ", "Explain the decision" },
        { "Input.SignedName", string.Empty, "Type your name" },
        { "Input.DistanceFromExploitationMiles", "5001", "0 to 5000" },
        { "Input.DistanceFromExploitationMiles", "-1", "0 to 5000" },
        { "Input.OtherTraffickedYouthInPlacement", "101", "0 to 100" },
        { "Input.OtherTraffickedYouthInPlacement", "-1", "0 to 100" },
        { "Input.OtherTraffickedYouthInPlacement", string.Empty, "number of other trafficked youth" },
        { "Input.Decision", string.Empty, "stay in the community or place away" },
        { "Input.Occasion", string.Empty, "what prompted" },
    };

    [Theory]
    [ProviderMemberData(nameof(Refusals))]
    public async Task A_missing_or_out_of_range_value_is_refused_next_to_its_field_keeping_the_input_and_saving_nothing(string field, string value, string expected, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var episodeId = await app.CreateEpisodeAsync(residentId, returned: true);
        await RaiseFollowUpsAsync(app, residentId, episodeId);
        var values = Values();
        values[field] = value;

        var response = await browser.SubmitFormAsync($"/Placement/Decide/{residentId}", values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.Contains(expected, page.FieldError(field) ?? string.Empty, StringComparison.Ordinal);
        var keep = field == "Input.Rationale" ? "Input.SignedName" : "Input.Rationale";
        var kept = page.QuerySelector($"[name='{keep}']")!;
        Assert.Equal(values[keep], kept.GetAttribute("value") ?? kept.TextContent);
        if (page.QuerySelector($"input[name='{field}'], textarea[name='{field}']") is { } typed)
        {
            Assert.Equal(value, typed.LocalName == "textarea" ? typed.TextContent : typed.GetAttribute("value"));
        }

        Assert.False(await app.WithDbAsync(db => db.PlacementSafetyDecisions.AnyAsync()));
        Assert.True(await app.WithDbAsync(db => db.CareFollowUps.AllAsync(f => f.ResolvedAtUtc == null)));
    }

    [Theory, Providers]
    public async Task A_resident_without_a_current_stay_gets_a_clear_message_and_nothing_is_saved(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        await app.WithDbAsync(async db =>
        {
            var stay = await db.Stays.SingleAsync(s => s.ResidentId == residentId);
            stay.Discharge(app.Today, DischargeType.Planned, DischargeReason.CompletedProgram, DischargeDestination.Reunification, app.Today);
            return await db.SaveChangesAsync();
        });
        var url = $"/Placement/Decide/{residentId}";

        var form = await browser.GetDocumentAsync(url);
        Assert.Contains("no current stay", form.QuerySelector("#no-stay")!.TextContent, StringComparison.Ordinal);
        Assert.Null(form.QuerySelector("form[method=post] textarea"));
        var index = await browser.GetDocumentAsync($"/Placement/Index/{residentId}");
        Assert.Null(index.QuerySelector("#record-decision"));

        var values = Values();
        values["__RequestVerificationToken"] = await browser.AntiforgeryTokenAsync($"/Placement/Index/{residentId}");
        var response = await browser.PostAsync(url, new FormUrlEncodedContent(values));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.Contains("no current stay", page.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.PlacementSafetyDecisions.AnyAsync()));
    }

    [Theory, Providers]
    public async Task Submitting_the_same_form_twice_records_one_decision_and_says_why_the_second_was_refused(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var url = $"/Placement/Decide/{residentId}";
        var form = await browser.GetDocumentAsync(url);

        (await browser.SubmitFormAsync(form, url, Values())).AssertRedirectTo($"/Placement/{residentId}");
        var second = await browser.SubmitFormAsync(form, url, Values(rationale: "Invented second thoughts."));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var page = await HtmlForms.ParseAsync(second);
        Assert.Contains("another decision was recorded", page.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Invented second thoughts.", page.QuerySelector("textarea[name='Input.Rationale']")!.TextContent);
        Assert.Equal(1, await app.WithDbAsync(db => db.PlacementSafetyDecisions.CountAsync()));

        // The refused page now carries the newest decision, so saving again on purpose works.
        (await browser.SubmitFormAsync(page, url, Values(rationale: "Invented second thoughts."))).AssertRedirectTo($"/Placement/{residentId}");
        Assert.Equal(2, await app.WithDbAsync(db => db.PlacementSafetyDecisions.CountAsync()));
    }

    [Theory, Providers]
    public async Task Another_residents_follow_up_in_the_form_is_refused_and_left_open(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var otherResident = await app.CreateResidentAsync(null, "Invented Other");
        var otherEpisode = await app.CreateEpisodeAsync(otherResident, returned: true);
        await RaiseFollowUpsAsync(app, otherResident, otherEpisode);
        var foreign = await app.WithDbAsync(db => db.CareFollowUps.Where(f => f.SourceId == otherEpisode && f.Kind == FollowUpKind.PlacementDecision).Select(f => f.Id).SingleAsync());
        var values = Values();
        values["Input.FollowUpId"] = foreign.ToString();

        var response = await browser.SubmitFormAsync($"/Placement/Decide/{residentId}", values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("not this resident's", (await HtmlForms.ParseAsync(response)).QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.PlacementSafetyDecisions.AnyAsync()));
        Assert.True(await app.WithDbAsync(db => db.CareFollowUps.AllAsync(f => f.ResolvedAtUtc == null)));
    }

    [Theory, Providers]
    public async Task Another_caseload_gets_404_an_admin_403_and_an_auditor_reads_without_the_button_and_is_refused_a_post(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var owner = await app.CreateStaffAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(owner.Id);
        var (_, outsider) = await app.SignInNewAsync(Roles.Counselor);
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);
        var (_, auditor) = await app.SignInNewAsync(Roles.Auditor);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var index = $"/Placement/Index/{residentId}";
        var decide = $"/Placement/Decide/{residentId}";

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(index)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(decide)).StatusCode);
        var outsiderValues = Values();
        outsiderValues["__RequestVerificationToken"] = await outsider.AntiforgeryTokenAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync(decide, new FormUrlEncodedContent(outsiderValues))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync(index)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync(decide)).StatusCode);
        Assert.NotNull((await director.GetDocumentAsync(index)).QuerySelector("#record-decision"));

        var page = await auditor.GetDocumentAsync(index);
        Assert.Null(page.QuerySelector("#record-decision"));
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync(decide)).StatusCode);
        var values = Values();
        values["__RequestVerificationToken"] = await auditor.AntiforgeryTokenAsync(index);
        var response = await auditor.PostAsync(decide, new FormUrlEncodedContent(values));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.PlacementSafetyDecisions.AnyAsync()));
    }

    /// A returned episode and a disclosure, each asking for a plan review and a new decision; returns the disclosure.
    internal static async Task<Guid> RaiseFollowUpsAsync(SafeHomeApp app, Guid residentId, Guid episodeId)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        return await app.WithDbAsync(async db =>
        {
            var disclosure = new ExploitationEvent(
                residentId, new ExploitationDetails(ExploitationCertainty.Suspected, app.Today.AddDays(-30), app.Today.AddDays(-1), null, "Invented disclosure"), app.Today, null, now);
            db.ExploitationEvents.Add(disclosure);
            await db.RaiseFollowUpsAsync(residentId, ReviewTrigger.MissingEpisode, episodeId, now.AddHours(-1));
            await db.RaiseFollowUpsAsync(residentId, ReviewTrigger.ReExploitationDisclosure, disclosure.Id, now);
            await db.SaveChangesAsync();
            return disclosure.Id;
        });
    }
}
