using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Missing;

/// Reporting a resident missing through the real form (DOMAIN.md §6C step 1): three times open the episode and start
/// the seven onset clocks from the policy; a double submit opens one episode; bad times are refused next to the field.
public sealed class OpenEpisodeTests
{
    // The fake clock stands at 2026-06-15 15:00 UTC and the home's zone is UTC.
    private static Dictionary<string, string> Times(string lastSeen = "2026-06-15 10:00", string discovered = "2026-06-15 11:00", string determined = "2026-06-15 12:00") => new()
    {
        ["Input.LastSeenUtc"] = lastSeen,
        ["Input.DiscoveredMissingUtc"] = discovered,
        ["Input.DeterminedMissingUtc"] = determined,
    };

    [Theory, Providers]
    public async Task Three_times_open_an_episode_with_seven_notifications_due_by_the_policy_and_a_double_submit_opens_one(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);

        var form = await browser.GetDocumentAsync($"/Missing/Open/{residentId}");
        Assert.Equal("", form.QuerySelector("input[name='Input.LastSeenUtc']")!.GetAttribute("value") ?? "");
        Assert.False(string.IsNullOrEmpty(form.QuerySelector("input[name='Input.DiscoveredBy']")!.GetAttribute("value")));
        Assert.Contains("discovered missing", form.QuerySelector("#clock-hint")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(form.QuerySelector("details#more textarea[name='Input.Circumstances']"));

        var first = await browser.SubmitFormAsync(form, $"/Missing/Open/{residentId}", Times());
        var second = await browser.SubmitFormAsync(form, $"/Missing/Open/{residentId}", Times());

        var episode = await app.WithDbAsync(db => db.MissingEpisodes.Include(e => e.Notifications).SingleAsync());
        first.AssertRedirectTo($"/Missing/Episode/{episode.Id}");
        second.AssertRedirectTo($"/Missing/Episode/{episode.Id}");
        var policy = await app.WithDbAsync(db => db.JurisdictionPolicies.SingleAsync(p => p.Id == JurisdictionPolicy.DefaultId));
        var discovered = new DateTime(2026, 6, 15, 11, 0, 0, DateTimeKind.Utc);
        Assert.Equal(MissingClockStart.DiscoveredMissing, policy.ClockStart);
        Assert.Equal(
            new Dictionary<NotificationRecipient, DateTime>
            {
                [NotificationRecipient.LawEnforcement] = discovered.AddMinutes(policy.LawEnforcementMinutes),
                [NotificationRecipient.Ncmec] = discovered.AddMinutes(policy.NcmecMinutes),
                [NotificationRecipient.PlacingAgencyCaseworker] = discovered.AddMinutes(policy.CaseworkerMinutes),
                [NotificationRecipient.ParentGuardian] = discovered.AddMinutes(policy.GuardianMinutes),
                [NotificationRecipient.GalAttorney] = discovered.AddMinutes(policy.GalMinutes),
                [NotificationRecipient.Court] = discovered.AddMinutes(policy.CourtMinutes),
                [NotificationRecipient.ProgramDirector] = discovered.AddMinutes(policy.DirectorMinutes),
            },
            episode.Notifications.ToDictionary(n => n.Recipient, n => n.DueAtUtc));
        Assert.Equal(discovered.AddHours(2), episode.Notifications.Single(n => n.Recipient == NotificationRecipient.LawEnforcement).DueAtUtc);
        Assert.All(episode.Notifications, n => Assert.Equal(NotificationPhase.Onset, n.Phase));
        Assert.Equal((residentId, counselor.Id, EpisodeStatus.Open), (episode.ResidentId, episode.CreatedById, episode.Status));
        Assert.Null(episode.Circumstances);
    }

    public static TheoryData<string, string, string, string> BadTimes => new()
    {
        // last seen, discovered, determined, field that must carry the message
        { "2026-06-15 11:00", "2026-06-15 10:00", "2026-06-15 12:00", "Input.DiscoveredMissingUtc" },
        { "2026-06-15 10:00", "2026-06-15 12:00", "2026-06-15 11:00", "Input.DeterminedMissingUtc" },
        { "2026-06-15 16:00", "2026-06-15 16:30", "2026-06-15 16:45", "Input.LastSeenUtc" },
        { "2026-06-15 10:00", "2026-06-15 15:30", "2026-06-15 15:45", "Input.DiscoveredMissingUtc" },
        { "2026-06-15 10:00", "2026-06-15 11:00", "2026-06-15 15:45", "Input.DeterminedMissingUtc" },
        { "2024-01-01 10:00", "2024-01-01 11:00", "2024-01-01 12:00", "Input.LastSeenUtc" },
    };

    [Theory]
    [ProviderMemberData(nameof(BadTimes))]
    public async Task Times_out_of_order_in_the_future_or_outside_the_stay_are_refused_next_to_the_field(string lastSeen, string discovered, string determined, string field, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);

        var response = await browser.SubmitFormAsync($"/Missing/Open/{residentId}", Times(lastSeen, discovered, determined));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.NotNull(page.FieldError(field));
        Assert.Equal(lastSeen, page.QuerySelector("input[name='Input.LastSeenUtc']")!.GetAttribute("value"));
        Assert.Equal(0, await app.WithDbAsync(db => db.MissingEpisodes.CountAsync()));
    }

    [Theory, Providers]
    public async Task Missing_times_are_each_asked_for_next_to_their_field(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);

        var response = await browser.SubmitFormAsync($"/Missing/Open/{residentId}", new());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.NotNull(page.FieldError("Input.LastSeenUtc"));
        Assert.NotNull(page.FieldError("Input.DiscoveredMissingUtc"));
        Assert.NotNull(page.FieldError("Input.DeterminedMissingUtc"));
        Assert.Equal(0, await app.WithDbAsync(db => db.MissingEpisodes.CountAsync()));
    }

    [Theory, Providers]
    public async Task An_open_episode_or_a_closed_one_spanning_the_time_blocks_a_new_one(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var openResident = await app.CreateResidentAsync(counselor.Id);
        await app.CreateEpisodeAsync(openResident);
        var closedResident = await app.CreateResidentAsync(counselor.Id, "Pella Sample", "Pella Q. Sample");
        await app.CreateEpisodeAsync(closedResident, returned: true);

        // The seeded episodes run from 09:00 (last seen) to 13:00 (returned) or on.
        var open = await browser.SubmitFormAsync($"/Missing/Open/{openResident}", Times("2026-06-15 14:00", "2026-06-15 14:10", "2026-06-15 14:20"));
        var closed = await browser.SubmitFormAsync($"/Missing/Open/{closedResident}", Times("2026-06-15 10:00", "2026-06-15 14:10", "2026-06-15 14:20"));

        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.Contains("already has an open", (await HtmlForms.ParseAsync(open)).FieldError("Input.LastSeenUtc"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Contains("overlap", (await HtmlForms.ParseAsync(closed)).FieldError("Input.LastSeenUtc"), StringComparison.Ordinal);
        Assert.Equal(2, await app.WithDbAsync(db => db.MissingEpisodes.CountAsync()));
    }

    [Theory, Providers]
    public async Task Another_counselors_resident_is_404_an_admin_403_and_an_auditors_complete_post_403_with_nothing_saved(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var owner = await app.CreateStaffAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(owner.Id);
        var (_, outsider) = await app.SignInNewAsync(Roles.Counselor);
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);
        var (_, auditor) = await app.SignInNewAsync(Roles.Auditor);
        var url = $"/Missing/Open/{residentId}";

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync(url)).StatusCode);

        var values = Times();
        values["Input.SubmissionId"] = Guid.NewGuid().ToString();
        values["__RequestVerificationToken"] = await auditor.AntiforgeryTokenAsync($"/Missing/{residentId}");
        var response = await auditor.PostAsync(url, new FormUrlEncodedContent(values));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.MissingEpisodes.CountAsync()));
    }
}
