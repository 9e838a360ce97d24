namespace SafeHome.Domain.Auditing;

public static class AuditActions
{
    public const string Insert = "insert";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string View = "view";
    public const string AccessDenied = "access_denied";
    public const string NotFound = "not_found";
    public const string LoginSucceeded = "login_succeeded";
    public const string LoginFailed = "login_failed";
    public const string LockedOut = "locked_out";
    public const string Logout = "logout";
    public const string Export = "export";
    public const string Download = "download";
    public const string ReportRequested = "report_requested";
    public const string RoleGranted = "role_granted";
    public const string RoleRevoked = "role_revoked";
    public const string VerifyChain = "verify_chain";

    /// A TOTP code offered a second time (SECURITY.md A4): refused, and kept for the auditors.
    public const string MfaReplay = "mfa_replay";

    /// Authenticator enrolment finished (the key itself is never recorded).
    public const string MfaEnrolled = "mfa_enrolled";

    /// A one-time password link was produced for an account (the link itself is never stored).
    public const string PasswordLinkIssued = "password_link";

    /// An account's authenticator was removed, so it enrols again at its next sign-in.
    public const string MfaReset = "mfa_reset";

    /// The signed-in person typed their password again before a sensitive action, or got it wrong.
    public const string Reauthenticated = "reauthenticated";
    public const string ReauthenticationFailed = "reauthentication_failed";

    /// A database put back from a backup by the restore verb; starts a new checkpoint generation (see ChainVerification).
    public const string BackupRestored = "backup_restored";

    /// The sign-in key ring emptied by the reset-sign-in-keys verb (its protection key was lost): everyone signs in again.
    public const string SignInKeysReset = "sign_in_keys_reset";
}

/// One row of the append-only history. Change rows carry old and new values as JSON; access rows (views,
/// denials, sign-ins) carry ids only. Each row is sealed into the hash chain (<see cref="AuditChain"/>) with a gapless
/// <see cref="Sequence"/> when it is saved.
public sealed class AuditEntry
{
    private AuditEntry()
    {
    }

    public AuditEntry(DateTime occurredAtUtc, string? userId, string action, string entityType, string entityKey, string? changes, Guid? residentId = null)
    {
        ResidentId = residentId;
        // Microseconds: PostgreSQL keeps no finer, and the sealed hash must survive the round trip.
        OccurredAtUtc = new DateTime(occurredAtUtc.Ticks - (occurredAtUtc.Ticks % 10), DateTimeKind.Utc);
        UserId = userId;
        Action = action;
        EntityType = entityType;
        EntityKey = Fit(entityKey);
        Changes = changes;
    }

    /// The longest key the column holds (PostgreSQL enforces it; SQLite would not).
    public const int EntityKeyMaxLength = 450;

    // A key is an id or a path, but a probe's path is whatever was typed (a 2,000-character URL): the entry is still
    // written, with as much of the key as fits and the length it had, rather than the request failing with a 500.
    private static string Fit(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length <= EntityKeyMaxLength)
        {
            return key;
        }

        var marker = FormattableString.Invariant($"… ({key.Length} characters)");
        return key[..(EntityKeyMaxLength - marker.Length)] + marker;
    }

    public long Id { get; private set; }
    public DateTime OccurredAtUtc { get; private set; }
    public string? UserId { get; private set; }
    public string Action { get; private set; } = string.Empty;
    public string EntityType { get; private set; } = string.Empty;
    public string EntityKey { get; private set; } = string.Empty;
    public string? Changes { get; private set; }

    /// The resident whose record this entry touches, when there is one, so an auditor can see a resident's whole
    /// timeline (changes to their plans, notes and episodes included) with one indexed query.
    public Guid? ResidentId { get; private set; }

    /// Position in the chain: 1, 2, 3, ... with no gaps. Assigned under the chain lock, never by the caller.
    public long Sequence { get; private set; }

    /// HMAC-SHA256 (hex) of the previous entry's hash and this entry's canonical form. Null only on entries written
    /// before the chain existed, which can only come before the first sealed one.
    public string? Hash { get; private set; }

    public void Seal(long sequence, string hash)
    {
        Sequence = sequence;
        Hash = hash;
    }
}
