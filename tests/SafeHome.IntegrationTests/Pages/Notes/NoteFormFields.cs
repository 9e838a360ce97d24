using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeHome.Domain.Notes;
using SafeHome.Domain.Plans;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Notes;

/// Shared steps of the note page tests: a complete, valid set of form fields, writing a draft through the real form,
/// and a snapshot of every note row (content hash included) to show that a refused post changed nothing.
internal static class NoteFormFields
{
    /// What a date-time field shows and sends (yyyy-MM-dd HH:mm). The test clock's local zone is UTC unless a test changes it.
    public static string Local(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static DateTime Now(SafeHomeApp app) => app.Clock.GetUtcNow().UtcDateTime;

    /// A narrative note, complete enough to sign: every risk question answered "no", a strength recorded.
    public static Dictionary<string, string> Complete(SafeHomeApp app, string narrative = "Talked about the week ahead and planned the art class together.") => new()
    {
        ["Input.Type"] = nameof(NoteType.Individual),
        ["Input.Format"] = nameof(NoteFormat.Narrative),
        ["Input.ServiceStart"] = Local(Now(app).AddMinutes(-90)),
        ["Input.ServiceEnd"] = Local(Now(app).AddMinutes(-30)),
        ["Input.Narrative"] = narrative,
        ["Input.YouthWords"] = "I felt calmer after the walk.",
        ["Input.StrengthsObserved"] = "Named a coping skill and used it",
        ["Input.InterventionsUsed"] = "Grounding exercise",
        ["Input.RiskSelfHarm"] = "false",
        ["Input.RiskExploiterContact"] = "false",
        ["Input.RiskMissing"] = "false",
    };

    public static Dictionary<string, string> With(this Dictionary<string, string> fields, params (string Key, string Value)[] changes)
    {
        var copy = new Dictionary<string, string>(fields);
        foreach (var (key, value) in changes)
        {
            copy[key] = value;
        }

        return copy;
    }

    /// Writes a draft through the Write form and returns its id (from the redirect to the edit page).
    public static async Task<Guid> WriteDraftAsync(this HttpClient browser, Guid residentId, Dictionary<string, string> fields)
    {
        var response = await browser.SubmitFormAsync($"/Notes/Write/{residentId}", fields);
        response.AssertRedirectTo("/Notes/Edit/");
        return Guid.Parse(response.Location()["/Notes/Edit/".Length..].Split('?', '#')[0]);
    }

    public static async Task<HttpResponseMessage> SignAsync(this HttpClient browser, Guid noteId, string? reason = null) =>
        await browser.SubmitFormAsync($"/Notes/Edit/{noteId}", reason is null ? [] : new() { ["SignInput.LanguageOverrideReason"] = reason }, handler: "Sign");

    public static Task<ProgressNote> LoadAsync(SafeHomeApp app, Guid noteId) =>
        app.WithDbAsync(db => db.ProgressNotes.AsNoTracking().Include(n => n.Links).Include(n => n.LanguageFindings).AsSplitQuery().SingleAsync(n => n.Id == noteId));

    public static Task<int> CountAsync(SafeHomeApp app) => app.WithDbAsync(db => db.ProgressNotes.CountAsync());

    /// Every note as stored: its content hash (text, times, links), state, signature and findings log.
    public static async Task<string> SnapshotAsync(SafeHomeApp app)
    {
        var notes = await app.WithDbAsync(db => db.ProgressNotes.AsNoTracking().Include(n => n.Links).Include(n => n.LanguageFindings).AsSplitQuery().OrderBy(n => n.Id).ToListAsync());
        return string.Join("\n", notes.Select(n => string.Join("|",
            n.Id, n.Version, n.Status, n.IsSensitive, n.ComputeContentHash(), n.ContentHash, n.SignedAtUtc?.ToString("O", CultureInfo.InvariantCulture), n.SignedById,
            n.LanguageOverrideReason, n.UpdatedAtUtc.ToString("O", CultureInfo.InvariantCulture), n.LanguageFindings.Count)));
    }

    public static async Task<(Guid GoalId, Guid ObjectiveId)> ActivePlanItemsAsync(SafeHomeApp app, Guid planId) =>
        await app.WithDbAsync(async db =>
        {
            var goal = await db.PlanGoals.AsNoTracking().Include(g => g.Objectives).SingleAsync(g => g.PlanId == planId);
            return (goal.Id, goal.Objectives.Single().Id);
        });

    public static async Task<Guid> CreateActivePlanAsync(SafeHomeApp app, Guid residentId, string counselorId) =>
        await app.CreatePlanAsync(residentId, PlanStatus.Active, counselorId);

    public static void AssertOk(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            Assert.Fail($"Expected the page again (200), got {(int)response.StatusCode} {response.Location()} {body[..Math.Min(body.Length, 1500)]}");
        }
    }
}
