using SafeHome.Domain.Residents;

namespace SafeHome.UnitTests.Builders;

/// An invented resident with valid details; tests change only the input they are about.
public sealed class ResidentBuilder
{
    public static readonly DateOnly DefaultToday = new(2026, 3, 10);
    public static readonly DateTime DefaultNowUtc = new(2026, 3, 10, 14, 30, 0, DateTimeKind.Utc);

    private string _legalName = "Testa Example";
    private string _preferredName = "Testa";
    private string? _pronouns = "she/her";
    private DateOnly _dateOfBirth = new(2010, 5, 15);
    private DateOnly _today = DefaultToday;
    private Guid? _id;

    public ResidentBuilder WithLegalName(string legalName)
    {
        _legalName = legalName;
        return this;
    }

    public ResidentBuilder WithPreferredName(string preferredName)
    {
        _preferredName = preferredName;
        return this;
    }

    public ResidentBuilder WithPronouns(string? pronouns)
    {
        _pronouns = pronouns;
        return this;
    }

    public ResidentBuilder BornOn(DateOnly dateOfBirth)
    {
        _dateOfBirth = dateOfBirth;
        return this;
    }

    public ResidentBuilder On(DateOnly today)
    {
        _today = today;
        return this;
    }

    public ResidentBuilder WithId(Guid id)
    {
        _id = id;
        return this;
    }

    public ResidentDetails Details() => new(
        _legalName,
        _preferredName,
        _pronouns,
        _dateOfBirth,
        Sex.Female,
        GenderIdentity: null,
        PrimaryLanguage: "English",
        InterpreterNeeded: false,
        TribalAffiliation: null,
        CustodyStatus.Dependency,
        CourtCaseNumber: null);

    public Resident Build() => Resident.Create(Details(), _today, DefaultNowUtc, _id);
}

public static class ResidentTestExtensions
{
    public const string Agency = "Invented County Children's Services";

    public static Stay AdmitOn(this Resident resident, DateOnly admittedOn, DateOnly? today = null) =>
        resident.Admit(admittedOn, ReferralSource.ChildWelfare, Agency, priorLivingSituation: null, AdmissionAgeRange.Default, today ?? admittedOn);

    public static void DischargeOn(this Stay stay, DateOnly dischargedOn, DateOnly? today = null) =>
        stay.Discharge(dischargedOn, DischargeType.Planned, DischargeReason.CompletedProgram, DischargeDestination.RelativeKin, today ?? dischargedOn);
}
