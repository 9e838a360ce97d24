using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeHome.Data.Encryption;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Notes;
using SafeHome.Domain.Residents;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using SafeHome.Web.Jobs;
using SafeHome.Web.Pages.Missing;

namespace SafeHome.IntegrationTests.Security;

/// SECURITY.md D1 and issue 15 item 7: the restricted fields are encrypted in the database file (and its WAL), read
/// back in clear on their pages, survive a key rotation, and a wrong key stops the host instead of showing garbage.
public sealed class FieldEncryptionTests
{
    [Fact]
    public async Task A_canary_in_every_encrypted_field_is_absent_from_the_database_bytes_and_reads_on_its_page()
    {
        var folder = NewFolder();
        try
        {
            await using var app = new SafeHomeApp(folder: folder);
            await app.InitializeAsync();
            var (counselor, counselorBrowser) = await app.SignInNewAsync(Roles.Counselor);
            var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
            var (_, auditor) = await app.SignInNewAsync(Roles.Auditor);
            var canaries = Enumerable.Range(0, 18).Select(i => $"Canary{i:D2}x{Guid.NewGuid():N}").ToArray();
            const string zip = "98761-2345";
            var seeded = await SeedEveryEncryptedFieldAsync(app, counselor.Id, canaries, zip);

            // Canary 17: typing kept as a draft by a page's autosave (issue 18).
            var kept = await counselorBrowser.PostAsync("/Drafts", new FormUrlEncodedContent(
                [new("__RequestVerificationToken", await counselorBrowser.AntiforgeryTokenAsync("/")), new("path", "/Residents"), new("Input.Text", canaries[17])]));
            Assert.Contains("\"kept\":true", await kept.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            // Every column the model encrypts got a value, so a column added later without a canary fails here.
            var columns = await app.WithDbAsync(db => Task.FromResult(FieldEncryption.EncryptedProperties(db.Model).Select(p => $"{p.Entity.ClrType.Name}.{p.Property.Name}").ToList()));
            Assert.Equal(SeededColumns.Order(StringComparer.Ordinal), columns.Where(c => !UnseededSections.Contains(c)).Order(StringComparer.Ordinal));

            var bytes = DatabaseBytes(folder);
            Assert.Contains(FieldCipher.Prefix, Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
            foreach (var canary in canaries.Append(zip))
            {
                Assert.True(IndexOf(bytes, Encoding.UTF8.GetBytes(canary)) < 0, $"{canary} is in the database file or its WAL in clear.");
            }

            var pages = string.Concat(
                await counselorBrowser.GetStringAsync($"/Residents/Details/{seeded.ResidentId}"),
                await counselorBrowser.GetStringAsync($"/Notes/Details/{seeded.NoteId}"),
                await counselorBrowser.GetStringAsync($"/Missing/Episode/{seeded.EpisodeId}"),
                await director.GetStringAsync($"/Exploitation/Details/{seeded.ResidentId}?eventId={seeded.EventId}"));
            foreach (var canary in canaries[..11].Append(canaries[15]).Append(zip))
            {
                Assert.Contains(canary, pages, StringComparison.Ordinal);
            }

            // The debrief narrative is shown nowhere but the auditor's history, which stores it encrypted too.
            var history = string.Concat(
                await auditor.GetStringAsync($"/Audit/Record?type=ReturnDebrief&key={seeded.DebriefIds[0]}"),
                await auditor.GetStringAsync($"/Audit/Record?type=ReturnDebrief&key={seeded.DebriefIds[1]}"),
                await auditor.GetStringAsync($"/Audit/Record?type=Resident&key={seeded.ResidentId}"));
            foreach (var canary in canaries[11..15].Append(canaries[16]).Append(canaries[0]))
            {
                Assert.Contains(canary, history, StringComparison.Ordinal);
            }
        }
        finally
        {
            DeleteFolder(folder);
        }
    }

    [Fact]
    public async Task Rotation_re_encrypts_the_live_fields_under_the_new_key_and_old_history_still_reads()
    {
        var folder = NewFolder();
        var oldKey = $"old1:{NewKey()}";
        try
        {
            var canary = $"Rotated{Guid.NewGuid():N}";
            Guid residentId;
            await using (var before = new SafeHomeApp(folder: folder))
            {
                before.Settings["Encryption:Keys"] = oldKey;
                await before.InitializeAsync();
                residentId = await before.CreateResidentAsync(null, legalName: $"Legalia {canary}");
            }

            Assert.All(await StoredLegalNamesAsync(folder), stored => Assert.StartsWith("v1:old1:", stored, StringComparison.Ordinal));

            await using var after = new SafeHomeApp(folder: folder);
            after.Settings["Encryption:Keys"] = $"{oldKey};new2:{NewKey()}";
            await after.InitializeAsync();
            var moved = await RunReencryptionAsync(after);
            Assert.True(moved >= 2, $"moved {moved}");
            Assert.Equal(0, await RunReencryptionAsync(after));

            Assert.All(await StoredLegalNamesAsync(folder), stored => Assert.StartsWith("v1:new2:", stored, StringComparison.Ordinal));
            Assert.True(IndexOf(DatabaseBytes(folder), Encoding.UTF8.GetBytes(canary)) < 0);
            var (_, director) = await after.SignInNewAsync(Roles.ProgramDirector);
            Assert.Contains(canary, await director.GetStringAsync($"/Residents/Details/{residentId}"), StringComparison.Ordinal);

            // The insert in the append-only history was sealed under the old key, which still reads it.
            var (_, auditor) = await after.SignInNewAsync(Roles.Auditor);
            Assert.Contains(canary, await auditor.GetStringAsync($"/Audit/Record?type=Resident&key={residentId}"), StringComparison.Ordinal);
        }
        finally
        {
            DeleteFolder(folder);
        }
    }

    [Theory]
    [InlineData("site1", "does not authenticate")]
    [InlineData("other", "not in the field key ring")]
    public async Task A_wrong_or_missing_key_stops_the_host_at_start_with_a_clear_message(string laterKeyId, string expected)
    {
        var folder = NewFolder();
        try
        {
            await using (var first = new SafeHomeApp(folder: folder))
            {
                first.Settings["Encryption:Keys"] = $"site1:{NewKey()}";
                await first.InitializeAsync();
                await first.CreateResidentAsync(null, legalName: "Legalia Wrongkey Example");
            }

            await using var second = new SafeHomeApp(folder: folder);
            second.Settings["Encryption:Keys"] = $"{laterKeyId}:{NewKey()}";
            var failure = await Record.ExceptionAsync(second.InitializeAsync);
            Assert.NotNull(failure);
            Assert.Contains(expected, failure.ToString(), StringComparison.Ordinal);
            Assert.Matches("Resident\\.(LegalName|CourtCaseNumber)", failure.ToString());
        }
        finally
        {
            DeleteFolder(folder);
        }
    }

    [Fact]
    public async Task A_flipped_ciphertext_byte_fails_loudly_and_never_shows_text()
    {
        var folder = NewFolder();
        try
        {
            await using var app = new SafeHomeApp(folder: folder);
            await app.InitializeAsync();
            var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
            var residentId = await app.CreateResidentAsync(counselor.Id, legalName: "Legalia Tampered Example");
            await using (var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "safehome.db")};Pooling=false"))
            {
                await connection.OpenAsync();
                await using var read = connection.CreateCommand();
                read.CommandText = "SELECT \"LegalName\" FROM \"Residents\"";
                var stored = (string)(await read.ExecuteScalarAsync())!;
                var flipped = stored[..^6] + (stored[^6] == 'A' ? 'B' : 'A') + stored[^5..];
                await using var write = connection.CreateCommand();
                write.CommandText = "UPDATE \"Residents\" SET \"LegalName\" = $v";
                write.Parameters.AddWithValue("$v", flipped);
                Assert.Equal(1, await write.ExecuteNonQueryAsync());
            }

            await Assert.ThrowsAsync<FieldDecryptionException>(() => app.WithDbAsync(db => db.Residents.AsNoTracking().Select(r => r.LegalName).SingleAsync()));
            var page = await browser.GetAsync($"/Residents/Details/{residentId}");
            Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        }
        finally
        {
            DeleteFolder(folder);
        }
    }

    private static readonly string[] SeededColumns =
    [
        "Resident.LegalName", "Resident.CourtCaseNumber", "ProgressNote.Narrative", "ProgressNote.YouthWords", "ProgressNote.StrengthsObserved",
        "ProgressNote.InterventionsUsed", "ProgressNote.RiskFollowUp", "NoteAmendment.Text", "MissingEpisode.Circumstances", "MissingEpisode.SearchActions",
        "MissingEpisode.FoundZip", "LocationEntry.Text", "ReturnDebrief.Experiences", "ReturnDebrief.HarmDetails", "ReturnDebrief.Referrals",
        "ReturnDebrief.DeclinedReason", "ExploitationEvent.Description", "FormDraft.Fields",
    ];

    // The other note formats' sections share the narrative's column configuration (one loop over NoteSection).
    private static readonly string[] UnseededSections =
        [.. Enum.GetNames<NoteSection>().Where(s => s != nameof(NoteSection.Narrative)).Select(s => $"ProgressNote.{s}")];

    private sealed record Seeded(Guid ResidentId, Guid NoteId, Guid EpisodeId, Guid EventId, Guid[] DebriefIds);

    // Canaries 0-10, 15 and the ZIP show on regular pages; 11-14 (the debrief narrative) and 16 (a replaced legal
    // name) only in the auditor's history.
    private static async Task<Seeded> SeedEveryEncryptedFieldAsync(SafeHomeApp app, string counselorId, string[] c, string zip)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var today = app.Today;
        var residentId = await app.WithDbAsync(async db =>
        {
            var resident = Resident.Create(
                new ResidentDetails($"Legalia {c[0]}", "Canary Preferred", "she/her", today.AddYears(-15), Sex.Female, null, "English", false, null, CustodyStatus.Dependency, c[1]),
                today,
                now);
            resident.Admit(today.AddYears(-1), ReferralSource.ChildWelfare, "Invented County Agency", null, AdmissionAgeRange.Default, today);
            resident.AssignCaseload(counselorId, [], now);
            db.Residents.Add(resident);
            await db.SaveChangesAsync();
            return resident.Id;
        });

        var noteId = await app.WithDbAsync(async db =>
        {
            var stays = await db.Stays.Where(s => s.ResidentId == residentId).Select(s => new { s.Id, s.AdmittedOn, s.DischargedOn }).ToListAsync();
            var window = new ServiceWindow(stays.Select(s => (s.Id, s.AdmittedOn, s.DischargedOn)).ToList(), TimeZoneInfo.Utc);
            var content = new NoteContent(
                NoteType.Individual, NoteFormat.Narrative, now.AddHours(-2), now.AddHours(-1),
                new Dictionary<NoteSection, string?> { [NoteSection.Narrative] = c[2] },
                c[3], c[4], c[5], false, false, true, c[6]);
            var note = ProgressNote.Start(residentId, counselorId, content, [], window, now);
            note.Sign(counselorId, [], null, needsCosign: false, now);
            note.Amend(counselorId, new AmendmentRequest(AmendmentKind.Addendum, "Invented reason", c[7], null, null), today, now);
            db.ProgressNotes.Add(note);
            await db.SaveChangesAsync();
            return note.Id;
        });

        var debriefs = new List<Guid>();
        var episodeIds = new List<Guid>();
        foreach (var (hoursAgo, completed) in new[] { (60, false), (30, true) })
        {
            episodeIds.Add(await app.WithDbAsync(async db =>
            {
                var start = now.AddHours(-hoursAgo);
                var policy = await db.JurisdictionPolicies.AsNoTracking().SingleAsync();
                var context = await db.EpisodeContextAsync(residentId, null, TimeZoneInfo.Utc);
                var episode = MissingEpisode.Open(residentId, new EpisodeOnset(start, start.AddHours(1), "Invented Night Staff", start.AddHours(2)), context, policy, counselorId, now);
                if (completed)
                {
                    episode.UpdateCircumstances(new EpisodeCircumstances(c[8], c[9], null, null, null, null, null, null, null, null, null));
                    episode.AddLocationEntry(LocationEntryKind.Sighting, start.AddHours(3), c[10], counselorId, now);
                }

                episode.RecordReturn(new EpisodeReturn(start.AddHours(4), ReturnType.SelfReturned, completed ? zip : null, true, null), context, policy, now);
                episode.RecordDebrief(
                    completed
                        ? new DebriefDetails(start.AddHours(5), DebriefOutcome.Completed, null, "Invented Staff", false, PushFactors.None, PullFactors.None, c[11], true, c[12], c[13])
                        : new DebriefDetails(start.AddHours(5), DebriefOutcome.Declined, c[14], "Invented Staff", false, PushFactors.None, PullFactors.None, null, null, null, null),
                    counselorId,
                    now);
                db.MissingEpisodes.Add(episode);
                await db.SaveChangesAsync();
                debriefs.Add(episode.Debrief!.Id);
                return episode.Id;
            }));
        }

        var eventId = await app.WithDbAsync(async db =>
        {
            var exploitation = new ExploitationEvent(residentId, new ExploitationDetails(ExploitationCertainty.Suspected, today.AddDays(-20), today.AddDays(-10), null, c[15]), today, counselorId, now);
            db.ExploitationEvents.Add(exploitation);
            await db.SaveChangesAsync();
            return exploitation.Id;
        });

        // An edit and its undo, so the history holds an old and a new value of the legal name.
        await app.WithDbAsync(async db =>
        {
            var resident = await db.Residents.SingleAsync(r => r.Id == residentId);
            db.Entry(resident).Property(r => r.LegalName).CurrentValue = $"Legalia {c[16]}";
            await db.SaveChangesAsync();
            db.Entry(resident).Property(r => r.LegalName).CurrentValue = $"Legalia {c[0]}";
            return await db.SaveChangesAsync();
        });

        return new Seeded(residentId, noteId, episodeIds[1], eventId, [.. debriefs]);
    }

    private static async Task<int> RunReencryptionAsync(SafeHomeApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FieldReencryptionJob>().RunAsync(CancellationToken.None);
    }

    private static async Task<List<string>> StoredLegalNamesAsync(string folder)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "safehome.db")};Mode=ReadOnly;Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"LegalName\" FROM \"Residents\" UNION ALL SELECT \"CourtCaseNumber\" FROM \"Residents\" WHERE \"CourtCaseNumber\" IS NOT NULL";
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        Assert.NotEmpty(values);
        return values;
    }

    private static readonly string[] DatabaseFiles = ["safehome.db", "safehome.db-wal"];

    private static byte[] DatabaseBytes(string folder) =>
        [.. DatabaseFiles.Select(f => Path.Combine(folder, f)).Where(File.Exists).SelectMany(ReadShared)];

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(FieldCipher.KeyBytes));

    private static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "safehome-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static void DeleteFolder(string folder)
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open on this machine is cleaned with the temp folder.
        }
    }
}
