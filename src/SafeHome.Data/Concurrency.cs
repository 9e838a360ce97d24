using Microsoft.EntityFrameworkCore;
using SafeHome.Domain.Common;

namespace SafeHome.Data;

public static class Concurrency
{
    /// Makes the next SaveChanges fail with DbUpdateConcurrencyException unless the row still has the version the
    /// form was rendered from.
    public static void ExpectVersion(this DbContext db, IVersioned entity, long version)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.Entry(entity).Property(nameof(IVersioned.Version)).OriginalValue = version;
    }

    /// Like <see cref="ExpectVersion"/>, and also bumps the version when only the entity's children change (a new
    /// stay, a caseload change), so two people changing those children at once cannot both win.
    public static void ExpectAndBumpVersion(this DbContext db, IVersioned entity, long version)
    {
        ExpectVersion(db, entity, version);
        db.Entry(entity).Property(nameof(IVersioned.Version)).IsModified = true;
    }
}
