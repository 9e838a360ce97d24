using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Plans;

/// A triggered review recorded through the real form settles the follow-ups its trigger raised, and no others.
public sealed class FollowUpTests
{
    [Theory, Providers]
    public async Task A_triggered_review_resolves_the_open_follow_up_for_its_trigger_only(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var plan = await ReviewSeeding.CreateActivePlanAsync(app, residentId, counselor.Id);
        var episodeId = await app.CreateEpisodeAsync(residentId, returned: true);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var (missingId, disclosureId) = await app.WithDbAsync(async db =>
        {
            var missing = new CareFollowUp(residentId, FollowUpKind.TriggeredReview, ReviewTrigger.MissingEpisode, episodeId, now);
            var disclosure = new CareFollowUp(residentId, FollowUpKind.TriggeredReview, ReviewTrigger.ReExploitationDisclosure, Guid.CreateVersion7(), now);
            db.CareFollowUps.AddRange(missing, disclosure);
            await db.SaveChangesAsync();
            return (missing.Id, disclosure.Id);
        });
        var browser = await app.SignInAsync(counselor);

        var values = ReviewForm.Valid(app.Today, app.Today.AddDays(90), "Reviewed after the invented episode.");
        values["Input.Type"] = nameof(ReviewType.Triggered);
        values["Input.Trigger"] = nameof(ReviewTrigger.MissingEpisode);
        (await browser.SubmitFormAsync($"/Plans/Review/{plan.PlanId}", values)).AssertRedirectTo($"/Plans/Reviews/{residentId}");

        var review = await app.WithDbAsync(db => db.PlanReviews.SingleAsync());
        var followUps = await app.WithDbAsync(db => db.CareFollowUps.AsNoTracking().ToListAsync());
        var resolved = followUps.Single(f => f.Id == missingId);
        Assert.NotNull(resolved.ResolvedAtUtc);
        Assert.Equal(review.Id, resolved.ResolvedById);
        Assert.Null(followUps.Single(f => f.Id == disclosureId).ResolvedAtUtc);
    }
}
