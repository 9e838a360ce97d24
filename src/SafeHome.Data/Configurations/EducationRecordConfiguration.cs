using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeHome.Domain.Residents;

namespace SafeHome.Data.Configurations;

internal sealed class EducationRecordConfiguration : IEntityTypeConfiguration<EducationRecord>
{
    public void Configure(EntityTypeBuilder<EducationRecord> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.HasOne<Resident>().WithMany().HasForeignKey(e => e.ResidentId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.RecordedById).HasMaxLength(450);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.Ignore(e => e.IsCurrent);
        builder.HasIndex(e => e.ResidentId);
    }
}
