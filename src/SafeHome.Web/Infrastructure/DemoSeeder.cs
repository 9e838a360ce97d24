using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SafeHome.Data;
using SafeHome.Domain.Notes;
using SafeHome.Domain.Residents;
using SafeHome.Domain.Staff;

namespace SafeHome.Web.Infrastructure;

/// `--seed-demo`: invented staff and residents for trying SafeHome out. Every name is obviously synthetic.
public sealed class DemoSeeder(SafeHomeDbContext db, StaffAccounts accounts, UserManager<SafeHomeUser> users, TimeProvider clock, IOptions<IntakeOptions> intake)
{
    private static readonly (string Email, string Name, string Role)[] Staff =
    [
        ("demo.admin@example.invalid", "Demo Admin", Roles.Admin),
        ("demo.director@example.invalid", "Demo Director", Roles.ProgramDirector),
        ("demo.counselor@example.invalid", "Demo Counselor", Roles.Counselor),
        ("demo.counselor2@example.invalid", "Demo Counselor Two", Roles.Counselor),
        ("demo.auditor@example.invalid", "Demo Auditor", Roles.Auditor),
    ];

    private static readonly string[] PreferredNames =
        ["Testa Aster", "Sample Birch", "Fictive Clover", "Example Dahlia", "Demo Elm", "Placeholder Fern", "Mock Juniper", "Invented Lark"];

    public async Task SeedAsync(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (await users.FindByEmailAsync(Staff[0].Email) is not null)
        {
            await output.WriteLineAsync("Demo data is already present; its passwords were printed when it was created.");
            return;
        }

        await output.WriteLineAsync("Demo accounts (passwords and authenticator keys are shown once; add the otpauth link or the key to any authenticator app):");
        foreach (var (email, name, role) in Staff)
        {
            var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'k').Replace('/', 'q');
            var result = await accounts.CreateAsync(email, name, role, password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Could not create demo account {email}: {string.Join(' ', result.Errors.Select(e => e.Description))}");
            }

            var key = await Authenticator.EnrolAsync(users, (await users.FindByEmailAsync(email))!);
            await output.WriteLineAsync($"  {Roles.DisplayName(role),-17} {email,-34} {password}");
            await output.WriteLineAsync($"  {string.Empty,-17} authenticator key {key}  {Authenticator.Uri(email, key)}");
        }

        var counselors = await db.Users.Where(u => u.Email!.StartsWith("demo.counselor")).OrderBy(u => u.Email).Select(u => u.Id).ToListAsync();
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        for (var i = 0; i < PreferredNames.Length; i++)
        {
            var preferred = PreferredNames[i];
            var resident = Resident.Create(
                new ResidentDetails(
                    LegalName: $"{preferred} Synthetic",
                    PreferredName: preferred.Split(' ')[1],
                    Pronouns: i % 3 == 0 ? "they/them" : "she/her",
                    DateOfBirth: today.AddYears(-(14 + (i % 4))).AddDays(-37 * i),
                    Sex: Sex.Female,
                    GenderIdentity: null,
                    PrimaryLanguage: i % 4 == 0 ? "Spanish" : "English",
                    InterpreterNeeded: i % 4 == 0,
                    TribalAffiliation: null,
                    CustodyStatus: CustodyStatus.Dependency,
                    CourtCaseNumber: $"DEMO-{1000 + i}"),
                today,
                now.UtcDateTime);
            resident.Admit(today.AddDays(-(20 + (15 * i))), ReferralSource.ChildWelfare, "Demo County Child Welfare (invented)", null, intake.Value.AgeRange, today);
            resident.AssignCaseload(counselors[i % counselors.Count], [], now.UtcDateTime);
            db.Residents.Add(resident);
        }

        await db.SaveChangesAsync();
        await output.WriteLineAsync($"Added {PreferredNames.Length} invented residents, split between the two demo counselors.");
        await SeedNotesAsync(counselors, now.UtcDateTime);
        await output.WriteLineAsync("Added a signed progress note for each resident; Demo Counselor Two's notes need a co-signature.");
    }

    private async Task SeedNotesAsync(IReadOnlyList<string> counselors, DateTime nowUtc)
    {
        var secondId = counselors[^1];
        var second = await db.Users.SingleAsync(u => u.Id == secondId);
        second.RequiresCosign = true;
        var residents = await db.Residents.Include(r => r.Stays).Include(r => r.Assignments).AsSplitQuery().ToListAsync();
        foreach (var resident in residents)
        {
            var author = resident.PrimaryCounselorId!;
            var window = new ServiceWindow(resident.Stays.Select(s => (s.Id, s.AdmittedOn, s.DischargedOn)).ToList(), clock.LocalTimeZone);
            var content = new NoteContent(
                NoteType.Individual, NoteFormat.Dap, nowUtc.AddHours(-3), nowUtc.AddHours(-2),
                new Dictionary<NoteSection, string?>
                {
                    [NoteSection.Data] = "Weekly check-in in the art room. Talked about the school week and the weekend outing.",
                    [NoteSection.Assessment] = "Engaged and settled; used the breathing exercise without a prompt.",
                    [NoteSection.Plan] = "Next check-in in a week; will bring a drawing to share.",
                },
                "I like it when we do the drawing first.", "Asked for help with homework; kind to a younger peer", "Art-based check-in", false, false, false, null);
            var note = ProgressNote.Start(resident.Id, author, content, [], window, nowUtc);
            note.Sign(author, [], null, needsCosign: author == second.Id, nowUtc);
            db.ProgressNotes.Add(note);
        }

        await db.SaveChangesAsync();
    }
}
