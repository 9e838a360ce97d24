using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SafeHome.Data.Configurations;

internal sealed class SafeHomeUserConfiguration : IEntityTypeConfiguration<SafeHomeUser>
{
    public void Configure(EntityTypeBuilder<SafeHomeUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(SafeHomeUser.DisplayNameMaxLength).IsRequired();
    }
}
