using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeHome.Domain.Auditing;

namespace SafeHome.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.Action).HasMaxLength(40).IsRequired();
        builder.Property(a => a.EntityType).HasMaxLength(100).IsRequired();
        builder.Property(a => a.EntityKey).HasMaxLength(AuditEntry.EntityKeyMaxLength).IsRequired();
        // Each index ends in Sequence so a record's, a resident's or a user's history is read newest-first straight
        // off the index, a page at a time, however long it grows (issue 16).
        builder.HasIndex(a => new { a.EntityType, a.EntityKey, a.Sequence });
        builder.HasIndex(a => a.OccurredAtUtc);
        builder.Property(a => a.Hash).HasMaxLength(AuditChain.HashLength);

        // Gapless and unique: two writers can never both take the same place in the chain.
        builder.HasIndex(a => a.Sequence).IsUnique();

        builder.HasIndex(a => new { a.ResidentId, a.Sequence });

        // The second half of a resident's timeline: entries of the resident itself filed under no resident (older than
        // the ResidentId column). Through the index above SQLite walked every entry of the record, filed or not, and
        // read each row to test ResidentId: 22,891 overview views of the bench resident, 27 ms and 2,577 page reads
        // per timeline page; this one holds only the unfiled entries (issue 16).
        builder.HasIndex(a => new { a.EntityType, a.EntityKey, a.Sequence }, "IX_AuditEntries_Unfiled_EntityType_EntityKey_Sequence")
            .HasFilter("\"ResidentId\" IS NULL");

        // The auditor's timeline of one user's actions, newest first.
        builder.HasIndex(a => new { a.UserId, a.Sequence });

        // The auditor's start page: refusals and not-found probes of the last days, a range of one action each. By
        // time alone SQLite read every entry of the week, views included: 27 s a visit on page-bench's program.
        builder.HasIndex(a => new { a.Action, a.OccurredAtUtc });
    }
}

internal sealed class IntegrityCheckConfiguration : IEntityTypeConfiguration<IntegrityCheck>
{
    public void Configure(EntityTypeBuilder<IntegrityCheck> builder)
    {
        builder.Property(c => c.Source).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Problem).HasConversion<string>().HasMaxLength(30);
        builder.Property(c => c.RequestedById).HasMaxLength(450);
        builder.Property(c => c.Message).HasMaxLength(IntegrityCheck.MessageMaxLength).IsRequired();
        // The integrity banner on every director's page reads the latest check straight off this index.
        builder.HasIndex(c => new { c.RanAtUtc, c.Id });
    }
}

internal sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpoint>
{
    public void Configure(EntityTypeBuilder<AuditCheckpoint> builder)
    {
        builder.Property(c => c.Hash).HasMaxLength(AuditChain.HashLength);
        builder.Property(c => c.Signature).HasMaxLength(AuditChain.HashLength).IsRequired();
        builder.Property(c => c.Node).HasMaxLength(AuditCheckpoint.NodeMaxLength).IsRequired();
        builder.HasIndex(c => c.Sequence);
    }
}
