using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeHome.Data.Encryption;
using SafeHome.Domain.Residents;

namespace SafeHome.Data.Configurations;

internal sealed class ResidentConfiguration : IEntityTypeConfiguration<Resident>
{
    public void Configure(EntityTypeBuilder<Resident> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.LegalName).IsEncrypted(Resident.MaxLength.LegalName).IsRequired();
        builder.Property(r => r.PreferredName).HasMaxLength(Resident.MaxLength.PreferredName).IsRequired();
        builder.Property(r => r.Pronouns).HasMaxLength(Resident.MaxLength.Pronouns);
        builder.Property(r => r.GenderIdentity).HasMaxLength(Resident.MaxLength.GenderIdentity);
        builder.Property(r => r.PrimaryLanguage).HasMaxLength(Resident.MaxLength.PrimaryLanguage);
        builder.Property(r => r.TribalAffiliation).HasMaxLength(Resident.MaxLength.TribalAffiliation);
        builder.Property(r => r.CourtCaseNumber).IsEncrypted(Resident.MaxLength.CourtCaseNumber);
        builder.Property(r => r.Sex).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.CustodyStatus).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => r.PreferredName);

        builder.HasMany(r => r.Stays).WithOne().HasForeignKey(s => s.ResidentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Assignments).WithOne().HasForeignKey(a => a.ResidentId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Stays).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(r => r.Assignments).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(r => r.CurrentStay);
        builder.Ignore(r => r.PrimaryCounselorId);
    }
}
