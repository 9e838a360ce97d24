namespace SafeHome.Domain.Residents;

/// The editable demographic fields of a resident, as one value so intake and edit share the same rules.
public sealed record ResidentDetails(
    string LegalName,
    string PreferredName,
    string? Pronouns,
    DateOnly DateOfBirth,
    Sex Sex,
    string? GenderIdentity,
    string? PrimaryLanguage,
    bool InterpreterNeeded,
    string? TribalAffiliation,
    CustodyStatus CustodyStatus,
    string? CourtCaseNumber);
