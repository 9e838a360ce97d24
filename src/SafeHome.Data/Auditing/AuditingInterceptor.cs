using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Common;

namespace SafeHome.Data.Auditing;

/// Writes an audit entry for every insert, update and delete of audited entities, inside the SaveChanges that
/// makes the change, so a change and its history commit or fail together. It also bumps the application-managed
/// concurrency version, which SQLite cannot do for us.
public sealed class AuditingInterceptor(ICurrentUser currentUser, TimeProvider clock) : SaveChangesInterceptor
{
    // Secrets and derived columns never belong in the history.
    private static readonly HashSet<string> ExcludedProperties =
    [
        nameof(IdentityUser.PasswordHash), nameof(IdentityUser.SecurityStamp), nameof(IdentityUser.ConcurrencyStamp),
        nameof(IdentityUser.NormalizedEmail), nameof(IdentityUser.NormalizedUserName),
    ];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Capture(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Capture(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Capture(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        context.ChangeTracker.DetectChanges();
        var now = clock.GetUtcNow().UtcDateTime;
        var entries = new List<AuditEntry>();
        foreach (var entry in context.ChangeTracker.Entries().ToList())
        {
            if (entry.State == EntityState.Modified && entry.Entity is IVersioned)
            {
                var version = entry.Property(nameof(IVersioned.Version));
                version.CurrentValue = (long)version.OriginalValue! + 1;
            }

            if (!IsAudited(entry) || entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            var changes = DescribeChanges(entry);
            if (entry.State == EntityState.Modified && changes.Count == 0)
            {
                continue;
            }

            entries.Add(new AuditEntry(
                now,
                currentUser.UserId,
                entry.State switch
                {
                    EntityState.Added => AuditActions.Insert,
                    EntityState.Deleted => AuditActions.Delete,
                    _ => AuditActions.Update,
                },
                entry.Metadata.ClrType.Name,
                KeyOf(entry),
                JsonSerializer.Serialize(changes)));
        }

        context.AddRange(entries);
    }

    private static bool IsAudited(EntityEntry entry) =>
        entry.Entity is IAudited or IdentityUserRole<string>;

    private static string KeyOf(EntityEntry entry) =>
        string.Join("|", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture)));

    private static Dictionary<string, AuditChange> DescribeChanges(EntityEntry entry)
    {
        var changes = new Dictionary<string, AuditChange>();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (ExcludedProperties.Contains(name))
            {
                continue;
            }

            switch (entry.State)
            {
                case EntityState.Added:
                    changes[name] = new AuditChange(null, Format(property.CurrentValue));
                    break;
                case EntityState.Deleted:
                    changes[name] = new AuditChange(Format(property.OriginalValue), null);
                    break;
                case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                    changes[name] = new AuditChange(Format(property.OriginalValue), Format(property.CurrentValue));
                    break;
            }
        }

        return changes;
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        DateTime d => d.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}

public sealed record AuditChange(string? Old, string? New);
