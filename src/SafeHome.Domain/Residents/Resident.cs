using SafeHome.Domain.Common;

namespace SafeHome.Domain.Residents;

public sealed class Resident : IVersioned, IAudited
{
    public static class MaxLength
    {
        public const int LegalName = 200;
        public const int PreferredName = 100;
        public const int Pronouns = 40;
        public const int GenderIdentity = 100;
        public const int PrimaryLanguage = 60;
        public const int TribalAffiliation = 100;
        public const int CourtCaseNumber = 60;
    }

    private static readonly DateOnly EarliestDateOfBirth = new(1900, 1, 1);

    private readonly List<Stay> _stays = [];
    private readonly List<CaseloadAssignment> _assignments = [];

    private Resident()
    {
    }

    public Guid Id { get; private set; }

    /// Restricted: shown only on the resident's own page, never in lists, titles or URLs.
    public string LegalName { get; private set; } = string.Empty;

    public string PreferredName { get; private set; } = string.Empty;
    public string? Pronouns { get; private set; }
    public DateOnly DateOfBirth { get; private set; }
    public Sex Sex { get; private set; }
    public string? GenderIdentity { get; private set; }
    public string? PrimaryLanguage { get; private set; }
    public bool InterpreterNeeded { get; private set; }
    public string? TribalAffiliation { get; private set; }
    public CustodyStatus CustodyStatus { get; private set; }

    /// Restricted, like <see cref="LegalName"/>.
    public string? CourtCaseNumber { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }
    public long Version { get; set; }

    public IReadOnlyList<Stay> Stays => _stays;
    public IReadOnlyList<CaseloadAssignment> Assignments => _assignments;

    public Stay? CurrentStay => _stays.FirstOrDefault(s => s.DischargedOn is null);

    public string? PrimaryCounselorId => _assignments.FirstOrDefault(a => a.IsPrimary)?.CounselorId;

    /// <param name="id">Lets a form carry the new record's id from the start, so a double submit finds the first
    /// record instead of creating a second one.</param>
    public static Resident Create(ResidentDetails details, DateOnly today, DateTime nowUtc, Guid? id = null)
    {
        var resident = new Resident { Id = id is { } given && given != Guid.Empty ? given : Guid.CreateVersion7(), CreatedAtUtc = nowUtc };
        resident.Apply(details, today);
        return resident;
    }

    public void UpdateDetails(ResidentDetails details, DateOnly today, AdmissionAgeRange ages)
    {
        ArgumentNullException.ThrowIfNull(ages);
        foreach (var stay in _stays)
        {
            EnsureAgeAtAdmission(details.DateOfBirth, stay.AdmittedOn, ages, nameof(ResidentDetails.DateOfBirth));
        }

        Apply(details, today);
    }

    public Stay Admit(
        DateOnly admittedOn,
        ReferralSource referralSource,
        string placingAgency,
        string? priorLivingSituation,
        AdmissionAgeRange ages,
        DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(ages);
        if (admittedOn > today)
        {
            throw new DomainRuleException(nameof(Stay.AdmittedOn), "The admission date cannot be in the future.");
        }

        if (admittedOn <= DateOfBirth)
        {
            throw new DomainRuleException(nameof(Stay.AdmittedOn), "The admission date must be after the date of birth.");
        }

        EnsureAgeAtAdmission(DateOfBirth, admittedOn, ages, nameof(Stay.AdmittedOn));

        // A new stay is open-ended, so it overlaps every stay that is still open or ends after it begins.
        // The discharge day itself is not a day in care, so readmission on that day is allowed.
        var overlapping = _stays.FirstOrDefault(s => s.DischargedOn is null || s.DischargedOn > admittedOn);
        if (overlapping is not null)
        {
            throw new DomainRuleException(
                nameof(Stay.AdmittedOn),
                overlapping.DischargedOn is null
                    ? "This resident already has an open stay; discharge it before admitting again."
                    : $"This admission would overlap the stay from {overlapping.AdmittedOn:yyyy-MM-dd} to {overlapping.DischargedOn:yyyy-MM-dd}.");
        }

        var stay = new Stay(Id, admittedOn, referralSource, placingAgency, priorLivingSituation);
        _stays.Add(stay);
        return stay;
    }

    /// Sets the primary counselor and the secondary counselors in one step, so a resident is never left with two
    /// primaries or with the primary also listed as a secondary.
    public void AssignCaseload(string primaryCounselorId, IEnumerable<string> secondaryCounselorIds, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(primaryCounselorId);
        var secondaries = secondaryCounselorIds.Where(id => id != primaryCounselorId).Distinct().ToHashSet();
        if (secondaries.Count > 5)
        {
            throw new DomainRuleException("SecondaryCounselorIds", "Choose at most five secondary counselors.");
        }

        // A former secondary who becomes primary is dropped here and re-added below as primary.
        _assignments.RemoveAll(a => a.IsPrimary ? a.CounselorId != primaryCounselorId : !secondaries.Contains(a.CounselorId));
        if (!_assignments.Any(a => a.IsPrimary))
        {
            _assignments.Add(new CaseloadAssignment(Id, primaryCounselorId, isPrimary: true, nowUtc));
        }

        foreach (var id in secondaries.Where(id => !_assignments.Any(a => a.CounselorId == id)))
        {
            _assignments.Add(new CaseloadAssignment(Id, id, isPrimary: false, nowUtc));
        }
    }

    public bool IsOnCaseloadOf(string counselorId) => _assignments.Any(a => a.CounselorId == counselorId);

    private void Apply(ResidentDetails details, DateOnly today)
    {
        var legalName = Text.Clean(details.LegalName);
        var preferredName = Text.Clean(details.PreferredName);
        if (legalName.Length == 0)
        {
            throw new DomainRuleException(nameof(LegalName), "Enter the resident's legal name.");
        }

        if (preferredName.Length == 0)
        {
            throw new DomainRuleException(nameof(PreferredName), "Enter the name the resident wants to be called.");
        }

        if (details.DateOfBirth >= today)
        {
            throw new DomainRuleException(nameof(DateOfBirth), "The date of birth must be in the past.");
        }

        if (details.DateOfBirth < EarliestDateOfBirth)
        {
            throw new DomainRuleException(nameof(DateOfBirth), "The date of birth is too far in the past.");
        }

        LegalName = legalName;
        PreferredName = preferredName;
        Pronouns = Text.CleanOrNull(details.Pronouns);
        DateOfBirth = details.DateOfBirth;
        Sex = details.Sex;
        GenderIdentity = Text.CleanOrNull(details.GenderIdentity);
        PrimaryLanguage = Text.CleanOrNull(details.PrimaryLanguage);
        InterpreterNeeded = details.InterpreterNeeded;
        TribalAffiliation = Text.CleanOrNull(details.TribalAffiliation);
        CustodyStatus = details.CustodyStatus;
        CourtCaseNumber = Text.CleanOrNull(details.CourtCaseNumber);
    }

    private static void EnsureAgeAtAdmission(DateOnly dateOfBirth, DateOnly admittedOn, AdmissionAgeRange ages, string field)
    {
        var age = Ages.YearsOn(dateOfBirth, admittedOn);
        if (!ages.Contains(age))
        {
            throw new DomainRuleException(
                field,
                $"The resident would be {Math.Max(age, 0)} at admission on {admittedOn:yyyy-MM-dd}; this home admits ages {ages.Min} to {ages.Max}.");
        }
    }
}
