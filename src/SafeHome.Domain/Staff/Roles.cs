namespace SafeHome.Domain.Staff;

public static class Roles
{
    public const string Admin = nameof(Admin);
    public const string ProgramDirector = nameof(ProgramDirector);
    public const string Counselor = nameof(Counselor);
    public const string Auditor = nameof(Auditor);

    public static IReadOnlyList<string> All { get; } = [Admin, ProgramDirector, Counselor, Auditor];

    public static string DisplayName(string role) => role switch
    {
        ProgramDirector => "Program director",
        _ => role,
    };
}
