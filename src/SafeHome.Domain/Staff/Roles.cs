namespace SafeHome.Domain.Staff;

public static class Roles
{
    public const string Admin = nameof(Admin);
    public const string ProgramDirector = nameof(ProgramDirector);
    public const string Counselor = nameof(Counselor);
    public const string Auditor = nameof(Auditor);

    public static IReadOnlyList<string> All { get; } = [Admin, ProgramDirector, Counselor, Auditor];

    /// Roles that read case content. Granting one, or resetting the sign-in of an account that holds one, needs a
    /// program director's confirmation (AccountChangeRequest).
    public static IReadOnlyList<string> CaseRoles { get; } = [ProgramDirector, Counselor, Auditor];

    public static bool IsCaseRole(string? role) => role is not null && CaseRoles.Contains(role);

    public static string DisplayName(string role) => role switch
    {
        ProgramDirector => "Program director",
        _ => role,
    };
}
