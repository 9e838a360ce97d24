using Microsoft.EntityFrameworkCore;
using SafeHome.Domain.Notes;

namespace SafeHome.IntegrationTests.Infrastructure;

/// Progress notes in a chosen lifecycle state, built through the domain's own methods, for tests that start after
/// the writing. Service times are the hour before the test clock's "now".
public static class NoteSeeding
{
    public const string SeededNarrative = "Seeded narrative: talked about the art class and the week ahead.";

    public static async Task<Guid> CreateNoteAsync(
        this SafeHomeApp app, Guid residentId, string authorId, NoteStatus state = NoteStatus.Draft, bool sensitive = false, string? cosignerId = null, string narrative = SeededNarrative)
    {
        ArgumentNullException.ThrowIfNull(app);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        return await app.WithDbAsync(async db =>
        {
            var stays = await db.Stays.Where(s => s.ResidentId == residentId).Select(s => new { s.Id, s.AdmittedOn, s.DischargedOn }).ToListAsync();
            var window = new ServiceWindow(stays.Select(s => (s.Id, s.AdmittedOn, s.DischargedOn)).ToList(), TimeZoneInfo.Utc);
            var content = new NoteContent(
                NoteType.Individual, NoteFormat.Narrative, now.AddHours(-2), now.AddHours(-1),
                new Dictionary<NoteSection, string?> { [NoteSection.Narrative] = narrative },
                "I liked the drawing part.", "Asked for help when stuck", "Art-based check-in", false, false, false, null);
            var note = ProgressNote.Start(residentId, authorId, content, [], window, now);
            note.MarkSensitive(sensitive);
            if (state != NoteStatus.Draft)
            {
                note.Sign(authorId, [], null, needsCosign: state is NoteStatus.CosignPending or NoteStatus.Cosigned, now);
            }

            if (state == NoteStatus.Cosigned)
            {
                note.Cosign(cosignerId ?? "seeded-director", now);
            }

            db.ProgressNotes.Add(note);
            await db.SaveChangesAsync();
            return note.Id;
        });
    }
}
