using Microsoft.EntityFrameworkCore;
using SafeHome.Domain.Missing;
using SafeHome.Web.Pages.Missing;

namespace SafeHome.IntegrationTests.Infrastructure;

/// Missing episodes at a chosen point, built through the domain's own methods: last seen six hours before the test
/// clock's "now", discovered five hours before, determined four hours before; returned two hours before when asked.
public static class EpisodeSeeding
{
    public static async Task<Guid> CreateEpisodeAsync(this SafeHomeApp app, Guid residentId, bool returned = false, string? userId = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        return await app.WithDbAsync(async db =>
        {
            var policy = await db.JurisdictionPolicies.AsNoTracking().SingleAsync();
            var context = await db.EpisodeContextAsync(residentId, null, TimeZoneInfo.Utc);
            var episode = MissingEpisode.Open(residentId, new EpisodeOnset(now.AddHours(-6), now.AddHours(-5), "Invented Night Staff", now.AddHours(-4)), context, policy, userId, now);
            if (returned)
            {
                episode.RecordReturn(new EpisodeReturn(now.AddHours(-2), ReturnType.SelfReturned, null, true, null), context, policy, now);
            }

            db.MissingEpisodes.Add(episode);
            await db.SaveChangesAsync();
            return episode.Id;
        });
    }
}
