using SafeHome.Domain.Staff;

namespace SafeHome.Web.Infrastructure;

/// Named policies, declared once and applied to folders in <see cref="WebServiceCollectionExtensions"/>.
public static class Policies
{
    /// Accounts, settings, jobs. Admins are not clinicians and never read case content.
    public const string Admin = nameof(Admin);

    /// Reads case content: counselors (their caseload), directors and auditors.
    public const string CaseReader = nameof(CaseReader);

    /// Changes case content: counselors (their caseload) and directors. Never auditors.
    public const string CaseWriter = nameof(CaseWriter);

    /// Builds and carries plans for their own caseload.
    public const string Counselor = nameof(Counselor);

    /// The audit workspace: complete histories, the integrity check, extracts. Read-only by construction.
    public const string Auditor = nameof(Auditor);

    /// Assigns caseloads, approves plans, co-signs notes.
    public const string Director = nameof(Director);

    /// The outcome-report archive: directors, who produce the reports, and auditors. Admins and counselors never.
    public const string ReportReader = nameof(ReportReader);

    /// Account changes that wait for a program director's confirmation: directors decide them, auditors read the list.
    public const string AccountChangeReader = nameof(AccountChangeReader);

    internal static readonly string[] ReportReaderRoles = [Roles.ProgramDirector, Roles.Auditor];
    internal static readonly string[] CaseReaderRoles = [Roles.ProgramDirector, Roles.Counselor, Roles.Auditor];
    internal static readonly string[] CaseWriterRoles = [Roles.ProgramDirector, Roles.Counselor];
}
