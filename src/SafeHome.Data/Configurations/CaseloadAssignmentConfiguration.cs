using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeHome.Domain.Residents;

namespace SafeHome.Data.Configurations;

internal sealed class CaseloadAssignmentConfiguration : IEntityTypeConfiguration<CaseloadAssignment>
{
    public void Configure(EntityTypeBuilder<CaseloadAssignment> builder)
    {
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.CounselorId).HasMaxLength(450).IsRequired();
        builder.HasOne<SafeHomeUser>().WithMany().HasForeignKey(a => a.CounselorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.ResidentId, a.CounselorId }).IsUnique();
        // The caseload rule's semi-join reads a counselor's residents from this index alone (issue 16).
        builder.HasIndex(a => new { a.CounselorId, a.ResidentId });
    }
}
