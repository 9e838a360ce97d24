using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeHome.Domain.Staff;

namespace SafeHome.Data.Configurations;

internal sealed class AccountChangeRequestConfiguration : IEntityTypeConfiguration<AccountChangeRequest>
{
    public void Configure(EntityTypeBuilder<AccountChangeRequest> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.AccountId).HasMaxLength(450).IsRequired();
        builder.Property(r => r.Role).HasMaxLength(256).IsRequired();
        builder.Property(r => r.RequestedById).HasMaxLength(450).IsRequired();
        builder.Property(r => r.DecidedById).HasMaxLength(450);
        builder.Ignore(r => r.IsOpen);
        builder.HasOne<SafeHomeUser>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.Status, r.RequestedAtUtc });
    }
}
