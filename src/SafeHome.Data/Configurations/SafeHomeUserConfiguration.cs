using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SafeHome.Data.Configurations;

internal sealed class SafeHomeUserConfiguration : IEntityTypeConfiguration<SafeHomeUser>
{
    public void Configure(EntityTypeBuilder<SafeHomeUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(SafeHomeUser.DisplayNameMaxLength).IsRequired();
        builder.Property(u => u.SupervisorId).HasMaxLength(450);
        builder.HasOne<SafeHomeUser>().WithMany().HasForeignKey(u => u.SupervisorId).OnDelete(DeleteBehavior.Restrict);
    }
}
