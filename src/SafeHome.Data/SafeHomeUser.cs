using Microsoft.AspNetCore.Identity;
using SafeHome.Domain.Common;

namespace SafeHome.Data;

public sealed class SafeHomeUser : IdentityUser, IAudited
{
    public const int DisplayNameMaxLength = 100;

    public string DisplayName { get; set; } = string.Empty;

    /// Deactivated staff cannot sign in, and their existing sessions stop at the next request.
    public bool IsActive { get; set; } = true;

    public DateTime CreatedAtUtc { get; set; }

    /// Staff whose notes a director or their supervisor must co-sign (DOMAIN.md §6A step 4), for example while
    /// still unlicensed.
    public bool RequiresCosign { get; set; }

    /// A counselor designated to co-sign this person's notes, alongside the directors.
    public string? SupervisorId { get; set; }
}
