using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeHome.Data.Encryption;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Staff;

namespace SafeHome.Data.Configurations;

internal sealed class FormDraftConfiguration : IEntityTypeConfiguration<FormDraft>
{
    public void Configure(EntityTypeBuilder<FormDraft> builder)
    {
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.UserId).HasMaxLength(AuditEntry.EntityKeyMaxLength).IsRequired();
        builder.Property(d => d.Path).HasMaxLength(FormDraft.PathMaxLength).IsRequired();

        // Typed case content: sealed like the restricted fields, so a copied database file shows none of it.
        builder.Property(d => d.Fields).IsEncrypted(FormDraft.FieldsMaxLength).IsRequired();
        builder.Property(d => d.Origin).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<SafeHomeUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.UserId, d.Path }).IsUnique();
        builder.HasIndex(d => d.ExpiresAtUtc);
    }
}
