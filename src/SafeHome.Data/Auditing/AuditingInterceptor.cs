using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using SafeHome.Data.Encryption;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Common;

namespace SafeHome.Data.Auditing;

/// Writes an audit entry for every insert, update and delete of audited entities, inside the SaveChanges that
/// makes the change, so a change and its history commit or fail together. It also bumps the application-managed
/// concurrency version, which SQLite cannot do for us, and seals every new audit entry into the hash chain: under the
/// chain's writer lock and a database transaction it reads the head, numbers and hashes the new entries, and lets go
/// only when the save has committed or failed.
public sealed class AuditingInterceptor(ICurrentUser currentUser, TimeProvider clock, AuditChainKeeper chain, FieldCipher cipher) : SaveChangesInterceptor, IDisposable
{
    // Any fixed number: the PostgreSQL advisory lock that serialises chain writers across nodes.
    private const long ChainLockId = 0x5afe_a0d1;

    private bool _holdsLock;
    private IDbContextTransaction? _ownTransaction;
    private DbContext? _savepointsOff;

    // Secrets and derived columns never belong in the history.
    private static readonly HashSet<string> ExcludedProperties =
    [
        nameof(IdentityUser.PasswordHash), nameof(IdentityUser.SecurityStamp), nameof(IdentityUser.ConcurrencyStamp),
        nameof(IdentityUser.NormalizedEmail), nameof(IdentityUser.NormalizedUserName),
    ];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Capture(eventData.Context);
        SealAsync(eventData.Context, sync: true, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Capture(eventData.Context);
        await SealAsync(eventData.Context, sync: false, cancellationToken);
        return result;
    }

    // A commit that fails (disk full, lost connection) must still roll back and free the lock at once, not when the
    // scope ends: EF reports no SaveChangesFailed for it.
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        try
        {
            _ownTransaction?.Commit();
        }
        finally
        {
            Release();
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        try
        {
            if (_ownTransaction is not null)
            {
                await _ownTransaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            Release();
        }

        return result;
    }

    // EF reports a concurrency conflict here and not always through SaveChangesFailed; let go before it throws, or
    // every later save in the process would wait for the lock forever.
    public override InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result)
    {
        Release();
        return result;
    }

    public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(
        ConcurrencyExceptionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Release();
        return ValueTask.FromResult(result);
    }

    /// The last safety net: the interceptor lives as long as its DbContext's scope, so a save abandoned on any path
    /// still frees the lock when the request ends.
    public void Dispose() => Release();

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Release();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release();
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Release();

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Release();
        return Task.CompletedTask;
    }

    private async Task SealAsync(DbContext? context, bool sync, CancellationToken cancellationToken)
    {
        var pending = context?.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (context is null || pending is null || pending.Count == 0)
        {
            return;
        }

        if (sync)
        {
            chain.WriterLock.Wait(cancellationToken);
        }
        else
        {
            await chain.WriterLock.WaitAsync(cancellationToken);
        }

        _holdsLock = true;
        try
        {
            // The head must be read and the new entries written in one transaction that no other writer can enter:
            // SQLite's BEGIN IMMEDIATE takes the write lock at once; PostgreSQL takes an advisory lock.
            if (context.Database.CurrentTransaction is null)
            {
                // EF would set a savepoint inside a transaction it did not open; an expected edit conflict then disposes
                // ours under that savepoint and EF logs two failed rollbacks as errors that bury real ones.
                context.Database.AutoSavepointsEnabled = false;
                _savepointsOff = context;
                _ownTransaction = sync ? context.Database.BeginTransaction() : await context.Database.BeginTransactionAsync(cancellationToken);
            }

            if (context.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL")
            {
                FormattableString sql = $"SELECT pg_advisory_xact_lock({ChainLockId})";
                _ = sync ? context.Database.ExecuteSql(sql) : await context.Database.ExecuteSqlAsync(sql, cancellationToken);
            }

            var query = context.Set<AuditEntry>().AsNoTracking().OrderByDescending(a => a.Sequence).Select(a => new ChainHead(a.Sequence, a.Hash));
            var head = (sync ? query.FirstOrDefault() : await query.FirstOrDefaultAsync(cancellationToken)) ?? ChainHead.Empty;
            AuditChain.Seal(chain.Key, head, pending);
        }
        catch
        {
            Release();
            throw;
        }
    }

    private void Release()
    {
        if (_ownTransaction is not null)
        {
            // Disposing an uncommitted transaction rolls it back; after a commit it only frees it.
            _ownTransaction.Dispose();
            _ownTransaction = null;
        }

        if (_holdsLock)
        {
            _holdsLock = false;
            chain.WriterLock.Release();
        }

        if (_savepointsOff is not null)
        {
            _savepointsOff.Database.AutoSavepointsEnabled = true;
            _savepointsOff = null;
        }
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
                JsonSerializer.Serialize(changes),
                ResidentOf(context, entry, depth: 0)));
        }

        context.AddRange(entries);
    }

    /// The resident a change belongs to: the entity's own ResidentId, or its parent's (a goal's plan, a notification's
    /// episode, an amendment's note), found among the tracked entities through the foreign keys.
    private static Guid? ResidentOf(DbContext context, EntityEntry entry, int depth)
    {
        if (entry.Entity is Domain.Residents.Resident resident)
        {
            return resident.Id;
        }

        if (entry.Metadata.FindProperty("ResidentId") is { } property && entry.Property(property.Name).CurrentValue is Guid residentId)
        {
            return residentId;
        }

        if (depth >= 3)
        {
            return null;
        }

        foreach (var foreignKey in entry.Metadata.GetForeignKeys())
        {
            var values = foreignKey.Properties.Select(p => entry.Property(p.Name).CurrentValue).ToList();
            if (values.Any(v => v is null))
            {
                continue;
            }

            var principal = context.ChangeTracker.Entries().FirstOrDefault(candidate =>
                foreignKey.PrincipalEntityType.ClrType.IsAssignableFrom(candidate.Metadata.ClrType)
                && foreignKey.PrincipalKey.Properties.Select(p => candidate.Property(p.Name).CurrentValue).SequenceEqual(values));
            if (principal is not null && ResidentOf(context, principal, depth + 1) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private static bool IsAudited(EntityEntry entry) =>
        entry.Entity is IAudited or IdentityUserRole<string>;

    private static string KeyOf(EntityEntry entry) =>
        string.Join("|", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture)));

    private Dictionary<string, AuditChange> DescribeChanges(EntityEntry entry)
    {
        var changes = new Dictionary<string, AuditChange>();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (ExcludedProperties.Contains(name))
            {
                continue;
            }

            // A restricted field's old and new values are kept encrypted like the field itself: the history is read
            // decrypted on the auditor's pages, and never re-encrypted (it is append-only and hash-chained).
            Func<object?, string?> format = FieldEncryption.IsEncrypted(property.Metadata)
                ? value => Format(value) is { } plain ? cipher.Encrypt(plain) : null
                : Format;
            switch (entry.State)
            {
                case EntityState.Added:
                    changes[name] = new AuditChange(null, format(property.CurrentValue));
                    break;
                case EntityState.Deleted:
                    changes[name] = new AuditChange(format(property.OriginalValue), null);
                    break;
                case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                    changes[name] = new AuditChange(format(property.OriginalValue), format(property.CurrentValue));
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
