using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeHome.Domain.Residents;

namespace SafeHome.Data.Configurations;

internal sealed class StayConfiguration : IEntityTypeConfiguration<Stay>
{
    public void Configure(EntityTypeBuilder<Stay> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.PlacingAgency).HasMaxLength(Stay.MaxLength.PlacingAgency).IsRequired();
        builder.Property(s => s.PriorLivingSituation).HasMaxLength(Stay.MaxLength.PriorLivingSituation);
        builder.Property(s => s.ReferralSource).HasConversion<string>().HasMaxLength(40);
        builder.Property(s => s.DischargeType).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.DischargeReason).HasConversion<string>().HasMaxLength(40);
        builder.Property(s => s.DischargeDestination).HasConversion<string>().HasMaxLength(40);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Ignore(s => s.IsOpen);
        builder.HasIndex(s => new { s.ResidentId, s.AdmittedOn });

        // Residents in care are found from their open stays (DischargedOn IS NULL), not by checking every resident
        // the program ever admitted (issue 16).
        builder.HasIndex(s => new { s.DischargedOn, s.ResidentId });

        // The director's census: admissions of this quarter, a range of days, not every stay ever.
        builder.HasIndex(s => s.AdmittedOn);
    }
}
