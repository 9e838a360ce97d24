using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Residents;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Missing;

/// Discharging a youth who is still missing records MissingNotReturned whatever was chosen, and the episode stays open.
public sealed class DischargeWithOpenEpisodeTests
{
    [Theory, Providers]
    public async Task Discharge_with_an_open_episode_records_missing_not_returned_and_keeps_the_episode_open(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var episodeId = await app.CreateEpisodeAsync(residentId);
        var browser = await app.SignInAsync(counselor);

        var form = await browser.GetDocumentAsync($"/Residents/Discharge/{residentId}");
        Assert.NotNull(form.QuerySelector("#open-episode"));
        (await browser.SubmitFormAsync($"/Residents/Discharge/{residentId}", new()
        {
            ["Input.DischargedOn"] = app.Today.ToString("yyyy-MM-dd"),
            ["Input.DischargeType"] = "Planned",
            ["Input.DischargeReason"] = "CompletedProgram",
            ["Input.DischargeDestination"] = "Reunification",
        })).AssertRedirectTo("/Residents/Details/");

        var stay = await app.WithDbAsync(db => db.Stays.AsNoTracking().SingleAsync(s => s.ResidentId == residentId));
        Assert.Equal(DischargeReason.MissingNotReturned, stay.DischargeReason);
        var episode = await app.WithDbAsync(db => db.MissingEpisodes.AsNoTracking().SingleAsync(e => e.Id == episodeId));
        Assert.Equal(EpisodeStatus.Open, episode.Status);
    }

    [Theory, Providers]
    public async Task Without_an_open_episode_the_chosen_reason_is_kept_and_no_notice_is_shown(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        await app.CreateEpisodeAsync(residentId, returned: true);
        var browser = await app.SignInAsync(counselor);

        var form = await browser.GetDocumentAsync($"/Residents/Discharge/{residentId}");
        Assert.Null(form.QuerySelector("#open-episode"));
        (await browser.SubmitFormAsync($"/Residents/Discharge/{residentId}", new()
        {
            ["Input.DischargedOn"] = app.Today.ToString("yyyy-MM-dd"),
            ["Input.DischargeType"] = "Planned",
            ["Input.DischargeReason"] = "CompletedProgram",
            ["Input.DischargeDestination"] = "Reunification",
        })).AssertRedirectTo("/Residents/Details/");

        var stay = await app.WithDbAsync(db => db.Stays.AsNoTracking().SingleAsync(s => s.ResidentId == residentId));
        Assert.Equal(DischargeReason.CompletedProgram, stay.DischargeReason);
    }
}
