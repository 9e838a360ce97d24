namespace SafeHome.Domain.Auditing;

public static class AuditActions
{
    public const string Insert = "insert";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string View = "view";
    public const string AccessDenied = "access_denied";
    public const string LoginSucceeded = "login_succeeded";
    public const string LoginFailed = "login_failed";
    public const string LockedOut = "locked_out";
    public const string Logout = "logout";
}

/// One row of the append-only history. Change rows carry old and new values as JSON; access rows (views,
/// denials, sign-ins) carry ids only.
public sealed class AuditEntry
{
    private AuditEntry()
    {
    }

    public AuditEntry(DateTime occurredAtUtc, string? userId, string action, string entityType, string entityKey, string? changes)
    {
        OccurredAtUtc = occurredAtUtc;
        UserId = userId;
        Action = action;
        EntityType = entityType;
        EntityKey = entityKey;
        Changes = changes;
    }

    public long Id { get; private set; }
    public DateTime OccurredAtUtc { get; private set; }
    public string? UserId { get; private set; }
    public string Action { get; private set; } = string.Empty;
    public string EntityType { get; private set; } = string.Empty;
    public string EntityKey { get; private set; } = string.Empty;
    public string? Changes { get; private set; }
}
