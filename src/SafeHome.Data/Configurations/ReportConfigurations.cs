using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeHome.Domain.Reporting;

namespace SafeHome.Data.Configurations;

internal sealed class ReportRunConfiguration : IEntityTypeConfiguration<ReportRun>
{
    public void Configure(EntityTypeBuilder<ReportRun> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Trigger).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.RequestedById).HasMaxLength(450);
        builder.Property(r => r.Stage).HasMaxLength(ReportRun.StageMaxLength).IsRequired();
        builder.Property(r => r.FailureReason).HasMaxLength(ReportRun.FailureMaxLength);
        builder.Property(r => r.Sha256).HasMaxLength(64);
        builder.Ignore(r => r.IsInProgress);
        builder.Ignore(r => r.IsFinished);

        // The idempotency key of DESIGN.md "Jobs": two requests racing for the same version of a period insert one row.
        builder.HasIndex(r => new { r.Kind, r.PeriodStart, r.PeriodEnd, r.Version }).IsUnique();
        builder.HasIndex(r => r.RequestedAtUtc);
    }
}

internal sealed class ReportFileConfiguration : IEntityTypeConfiguration<ReportFile>
{
    public void Configure(EntityTypeBuilder<ReportFile> builder)
    {
        builder.HasKey(f => f.RunId);
        builder.Property(f => f.Content).IsRequired();
        builder.HasOne<ReportRun>().WithOne().HasForeignKey<ReportFile>(f => f.RunId).OnDelete(DeleteBehavior.Restrict);
    }
}
