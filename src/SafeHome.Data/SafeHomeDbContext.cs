using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Residents;

namespace SafeHome.Data;

public sealed class SafeHomeDbContext(DbContextOptions<SafeHomeDbContext> options) : IdentityDbContext<SafeHomeUser>(options)
{
    public DbSet<Resident> Residents => Set<Resident>();
    public DbSet<Stay> Stays => Set<Stay>();
    public DbSet<CaseloadAssignment> CaseloadAssignments => Set<CaseloadAssignment>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(SafeHomeDbContext).Assembly);
    }
}
