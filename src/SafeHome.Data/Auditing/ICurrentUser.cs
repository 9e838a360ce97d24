namespace SafeHome.Data.Auditing;

/// Who is acting, for the audit trail: a staff user id, or null for the system itself (migrations, CLI, jobs).
public interface ICurrentUser
{
    string? UserId { get; }
}

public sealed class SystemUser : ICurrentUser
{
    public string? UserId => null;
}
