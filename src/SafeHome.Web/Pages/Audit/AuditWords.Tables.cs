using SafeHome.Domain.Auditing;

namespace SafeHome.Web.Pages.Audit;

// The names the general rule in AuditWords.cs does not read well, and the phrases for actions and views.
public static partial class AuditWords
{
    private static readonly Dictionary<string, string> Records = new(StringComparer.Ordinal)
    {
        ["CareFollowUp"] = "Care follow-up",
        ["SafeHomeUser"] = "Staff account",
        ["User"] = "Staff account",
        ["IdentityRole"] = "Role",
        ["IdentityUserRole"] = "Role assignment",
        ["IdentityRoleClaim"] = "Role permission",
        ["IdentityUserClaim"] = "Staff account claim",
        ["IdentityUserLogin"] = "External sign-in",
        ["IdentityUserToken"] = "Sign-in token",
        ["DataProtectionKey"] = "Sign-in key",
        ["MissingNotification"] = "Missing-episode notification",
        ["MissingAlert"] = "Missing-episode alert",
        ["PlacementSafetyDecision"] = "Placement-safety decision",
        ["TraffickingScreen"] = "Post-return trafficking screen",
        ["NoteLanguageFinding"] = "Language flag on a note",
        ["ReportRun"] = "Report",
        ["AuditTimeline"] = "Resident history",
        ["AuditHistory"] = "Record history",
        ["AuditExtract"] = "Audit extract (CSV)",
        ["ProgressNoteList"] = "Progress notes",
        ["ExploitationEventList"] = "Exploitation events",
        ["EducationRecordList"] = "Education records",
        ["EducationRecordForm"] = "Education status form",
    };

    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["Id"] = "ID",
        ["UserId"] = "Staff member",
        ["TScore"] = "T-score",
        ["Sha256"] = "SHA-256 checksum",
        ["SizeBytes"] = "Size (bytes)",
        ["DistanceFromExploitationMiles"] = "Distance from where exploitation happened (miles)",
        ["YouthWords"] = "Youth's own words",
        ["AccessFailedCount"] = "Failed sign-ins",
        ["TwoFactorEnabled"] = "Two-step sign-in enabled",
        ["RiskSelfHarm"] = "Risk of self-harm",
        ["RiskFollowUp"] = "Risk follow-up",
        ["SmartStatement"] = "SMART statement",
        ["Xml"] = "Key (XML)",
    };

    // Kept as written wherever they appear in a name.
    private static readonly Dictionary<string, string> Acronyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Ncmec"] = "NCMEC",
        ["Ncic"] = "NCIC",
        ["Gal"] = "GAL",
        ["Gas"] = "GAS",
        ["Zip"] = "ZIP",
        ["Csv"] = "CSV",
        ["Pdf"] = "PDF",
        ["Id"] = "ID",
    };

    // Technical endings that say how a value is stored, not what it is.
    private static readonly string[] DroppedSuffixes = ["Utc", "Id"];

    private static readonly Dictionary<string, string> Actions = new(StringComparer.Ordinal)
    {
        [AuditActions.Insert] = "created",
        [AuditActions.Update] = "changed",
        [AuditActions.Delete] = "deleted",
        [AuditActions.View] = "viewed",
        [AuditActions.AccessDenied] = "was refused access",
        [AuditActions.NotFound] = "asked for a page that does not exist",
        [AuditActions.LoginSucceeded] = "signed in",
        [AuditActions.LoginFailed] = "sign-in failed",
        [AuditActions.LockedOut] = "was locked out",
        [AuditActions.Logout] = "signed out",
        [AuditActions.Export] = "downloaded the history as CSV",
        [AuditActions.Download] = "downloaded a report",
        [AuditActions.ReportRequested] = "requested a report",
        [AuditActions.RoleGranted] = "granted a role",
        [AuditActions.RoleRevoked] = "removed a role",
        [AuditActions.VerifyChain] = "checked the integrity of the history",
        [AuditActions.MfaReplay] = "offered a used sign-in code (refused)",
        [AuditActions.MfaEnrolled] = "set up an authenticator",
        [AuditActions.PasswordLinkIssued] = "issued a password link",
        [AuditActions.MfaReset] = "removed an authenticator",
        [AuditActions.Reauthenticated] = "confirmed their password",
        [AuditActions.ReauthenticationFailed] = "failed to confirm their password",
        [AuditActions.BackupRestored] = "restored a backup",
        [AuditActions.SignInKeysReset] = "reset everyone's sign-in",
    };

    // Views that pages record with their own record type (see the RecordForResidentAsync calls); any other audited
    // type reads "viewed a <record>".
    private static readonly Dictionary<string, string> Views = new(StringComparer.Ordinal)
    {
        ["Resident"] = "viewed the resident overview",
        ["PlacementSafetyDecision"] = "viewed the placement-safety decisions",
        ["ProgressNoteList"] = "viewed the list of progress notes",
        ["ExploitationEventList"] = "viewed the list of exploitation events",
        ["EducationRecordList"] = "viewed the education records",
        ["EducationRecordForm"] = "opened the form to record education status",
        ["AuditTimeline"] = "viewed the resident's history",
    };

    // Views of a whole page (ViewAuditFilter files them under "Page", keyed by the request path), by folder and page.
    private static readonly Dictionary<string, string> PageViews = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Residents/Index"] = "viewed the list of residents",
        ["Residents/Admit"] = "opened the readmission form",
        ["Residents/Caseload"] = "opened the counselor assignments",
        ["Residents/Details"] = "viewed the resident overview",
        ["Residents/Discharge"] = "opened the discharge form",
        ["Residents/Edit"] = "opened the form to edit resident details",
        ["Residents/Intake"] = "opened the new intake form",
        ["Plans/Approve"] = "opened the plan approval",
        ["Plans/Compare"] = "compared service plan versions",
        ["Plans/Details"] = "viewed a service plan",
        ["Plans/Due"] = "viewed what is due",
        ["Plans/Goal"] = "opened the form for a goal",
        ["Plans/Index"] = "viewed the service plan versions",
        ["Plans/Intervention"] = "opened the form for an intervention",
        ["Plans/Meeting"] = "opened the planning meeting",
        ["Plans/Objective"] = "opened the form for an objective",
        ["Plans/Overview"] = "viewed a plan overview",
        ["Plans/Print"] = "printed a service plan",
        ["Plans/Review"] = "viewed a plan review",
        ["Plans/Reviews"] = "viewed the plan reviews",
        ["Plans/Sign"] = "opened the plan signatures",
        ["Plans/Strength"] = "opened the form for a strength",
        ["Plans/Workflow"] = "viewed the plan workflow",
        ["Notes/Amend"] = "opened the form to amend a note",
        ["Notes/Cosign"] = "opened a note to co-sign",
        ["Notes/Details"] = "viewed a progress note",
        ["Notes/Edit"] = "opened a draft note",
        ["Notes/Index"] = "viewed the list of progress notes",
        ["Notes/Unsigned"] = "viewed the unsigned notes",
        ["Notes/Write"] = "opened the form to write a progress note",
        ["Notes/Lexicon/Index"] = "viewed the language guidance",
        ["Notes/Lexicon/Term"] = "opened the form for a language-guidance term",
        ["Missing/Debrief"] = "opened the return debrief",
        ["Missing/Episode"] = "viewed a missing episode",
        ["Missing/Index"] = "viewed the missing-from-care episodes",
        ["Missing/Log"] = "opened the location log",
        ["Missing/Notify"] = "opened the form to record a notification",
        ["Missing/Onset"] = "opened the form to correct times or circumstances",
        ["Missing/Open"] = "opened the form to report missing from care",
        ["Missing/Return"] = "opened the return form",
        ["Missing/Screen"] = "opened the post-return trafficking screen",
        ["Missing/Told"] = "opened the page to record that the director was told",
        ["Placement/Decide"] = "opened the form to record a placement-safety decision",
        ["Placement/Index"] = "viewed the placement-safety decisions",
        ["Exploitation/Details"] = "viewed an exploitation event",
        ["Exploitation/Index"] = "viewed the list of exploitation events",
        ["Exploitation/Record"] = "opened the form to record a disclosure",
        ["Education/Index"] = "viewed the education records",
        ["Education/Record"] = "opened the form to record education status",
    };
}
