using Microsoft.EntityFrameworkCore;
using SafeHome.Data;

namespace SafeHome.Web.Infrastructure;

public static class StaffNames
{
    /// Display names of the given accounts, one query for a whole page (authors, signers, the people in an audit
    /// page); ids that are null or not found are simply absent, and each page says how it shows them.
    public static async Task<Dictionary<string, string>> StaffNamesAsync(
        this SafeHomeDbContext db, IEnumerable<string?> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(ids);
        var wanted = ids.OfType<string>().Distinct().ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        return await db.Users.AsNoTracking()
            .Where(u => wanted.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName })
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }
}
