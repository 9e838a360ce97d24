using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeHome.Data.Encryption;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Residents;

namespace SafeHome.Data.Configurations;

internal sealed class JurisdictionPolicyConfiguration : IEntityTypeConfiguration<JurisdictionPolicy>
{
    public void Configure(EntityTypeBuilder<JurisdictionPolicy> builder)
    {
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Name).HasMaxLength(JurisdictionPolicy.NameMaxLength).IsRequired();
        builder.Property(p => p.ClockStart).HasConversion<string>().HasMaxLength(30);
        builder.Property(p => p.Version).IsConcurrencyToken();
        var defaults = JurisdictionPolicy.CreateDefault();
        builder.HasData(new
        {
            defaults.Id,
            defaults.Name,
            defaults.ClockStart,
            defaults.LawEnforcementMinutes,
            defaults.NcmecMinutes,
            defaults.CaseworkerMinutes,
            defaults.GuardianMinutes,
            defaults.GalMinutes,
            defaults.CourtMinutes,
            defaults.DirectorMinutes,
            defaults.DebriefMinutes,
            defaults.ScreenMinutes,
            Version = 0L,
        });
    }
}

internal sealed class MissingEpisodeConfiguration : IEntityTypeConfiguration<MissingEpisode>
{
    public void Configure(EntityTypeBuilder<MissingEpisode> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.HasOne<Resident>().WithMany().HasForeignKey(e => e.ResidentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Stay>().WithMany().HasForeignKey(e => e.StayId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.ResidentId, e.LastSeenUtc });
        builder.HasIndex(e => e.Status);

        // The director's charts read the episodes of the last eight quarters, a range of this index.
        builder.HasIndex(e => e.LastSeenUtc);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.ClockStart).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.RiskLevel).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.ReturnType).HasConversion<string>().HasMaxLength(40);
        builder.Property(e => e.DiscoveredBy).HasMaxLength(MissingEpisode.MaxLength.Line);
        builder.Property(e => e.Circumstances).IsEncrypted(MissingEpisode.MaxLength.Text);
        builder.Property(e => e.SearchActions).IsEncrypted(MissingEpisode.MaxLength.Text);
        builder.Property(e => e.BelongingsTaken).HasMaxLength(MissingEpisode.MaxLength.Text);
        builder.Property(e => e.FoundZip).IsEncrypted(MissingEpisode.MaxLength.Zip);
        builder.Property(e => e.MedicalCheckNotes).HasMaxLength(MissingEpisode.MaxLength.Text);
        builder.Property(e => e.CreatedById).HasMaxLength(450);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.HasMany(e => e.Notifications).WithOne().HasForeignKey(n => n.EpisodeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(e => e.LocationEntries).WithOne().HasForeignKey(l => l.EpisodeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(e => e.Debrief).WithOne().HasForeignKey<ReturnDebrief>(d => d.EpisodeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(e => e.Screen).WithOne().HasForeignKey<TraffickingScreen>(s => s.EpisodeId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(e => e.Notifications).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(e => e.LocationEntries).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(e => e.IsOpen);
    }
}

internal sealed class MissingNotificationConfiguration : IEntityTypeConfiguration<MissingNotification>
{
    public void Configure(EntityTypeBuilder<MissingNotification> builder)
    {
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Recipient).HasConversion<string>().HasMaxLength(40);
        builder.Property(n => n.Phase).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.Method).HasConversion<string>().HasMaxLength(20);
        foreach (var field in new[]
                 {
                     nameof(MissingNotification.NotifiedBy), nameof(MissingNotification.ContactName), nameof(MissingNotification.Agency),
                     nameof(MissingNotification.CaseNumber), nameof(MissingNotification.OfficerName), nameof(MissingNotification.BadgeNumber),
                     nameof(MissingNotification.NcicNumber), nameof(MissingNotification.NcmecCaseNumber),
                 })
        {
            builder.Property<string?>(field).HasMaxLength(MissingNotification.FieldMaxLength);
        }

        builder.Property(n => n.NotApplicableReason).HasMaxLength(MissingNotification.ReasonMaxLength);
        builder.Ignore(n => n.IsSettled);
        builder.Ignore(n => n.WasOnTime);
    }
}

internal sealed class LocationEntryConfiguration : IEntityTypeConfiguration<LocationEntry>
{
    public void Configure(EntityTypeBuilder<LocationEntry> builder)
    {
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.Text).IsEncrypted(LocationEntry.TextMaxLength).IsRequired();
        builder.Property(l => l.RecordedById).HasMaxLength(450);
    }
}

internal sealed class ReturnDebriefConfiguration : IEntityTypeConfiguration<ReturnDebrief>
{
    public void Configure(EntityTypeBuilder<ReturnDebrief> builder)
    {
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.PushFactors).HasConversion<int>();
        builder.Property(d => d.PullFactors).HasConversion<int>();
        builder.Property(d => d.DeclinedReason).IsEncrypted(ReturnDebrief.TextMaxLength);
        builder.Property(d => d.ConductedBy).HasMaxLength(MissingEpisode.MaxLength.Line);
        builder.Property(d => d.Experiences).IsEncrypted(ReturnDebrief.TextMaxLength);
        builder.Property(d => d.HarmDetails).IsEncrypted(ReturnDebrief.TextMaxLength);
        builder.Property(d => d.Referrals).IsEncrypted(ReturnDebrief.TextMaxLength);
        builder.Property(d => d.RecordedById).HasMaxLength(450);
    }
}

internal sealed class TraffickingScreenConfiguration : IEntityTypeConfiguration<TraffickingScreen>
{
    public void Configure(EntityTypeBuilder<TraffickingScreen> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Instrument).HasConversion<string>().HasMaxLength(30);
        builder.Property(s => s.Result).HasConversion<string>().HasMaxLength(30);
        builder.Property(s => s.ScreenedBy).HasMaxLength(TraffickingScreen.NameMaxLength);
        builder.Property(s => s.RecordedById).HasMaxLength(450);
    }
}

internal sealed class PlacementSafetyDecisionConfiguration : IEntityTypeConfiguration<PlacementSafetyDecision>
{
    public void Configure(EntityTypeBuilder<PlacementSafetyDecision> builder)
    {
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.HasOne<Resident>().WithMany().HasForeignKey(d => d.ResidentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Stay>().WithMany().HasForeignKey(d => d.StayId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.ResidentId, d.DecidedAtUtc });
        builder.Property(d => d.Occasion).HasConversion<string>().HasMaxLength(30);
        builder.Property(d => d.Decision).HasConversion<string>().HasMaxLength(30);
        builder.Property(d => d.FactorNotes).HasMaxLength(PlacementSafetyDecision.MaxLength.Notes);
        builder.Property(d => d.Rationale).HasMaxLength(PlacementSafetyDecision.MaxLength.Rationale).IsRequired();
        builder.Property(d => d.SignedName).HasMaxLength(PlacementSafetyDecision.MaxLength.SignedName).IsRequired();
        builder.Property(d => d.DecidedById).HasMaxLength(450).IsRequired();
        builder.Property(d => d.ContentHash).HasMaxLength(64).IsRequired();
    }
}

internal sealed class ExploitationEventConfiguration : IEntityTypeConfiguration<ExploitationEvent>
{
    public void Configure(EntityTypeBuilder<ExploitationEvent> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.HasOne<Resident>().WithMany().HasForeignKey(e => e.ResidentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<MissingEpisode>().WithMany().HasForeignKey(e => e.EpisodeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.ResidentId, e.OccurredOn });
        builder.Property(e => e.Certainty).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Description).IsEncrypted(ExploitationEvent.DescriptionMaxLength);
        builder.Property(e => e.RecordedById).HasMaxLength(450);
        builder.Property(e => e.Version).IsConcurrencyToken();
    }
}

internal sealed class MissingAlertConfiguration : IEntityTypeConfiguration<MissingAlert>
{
    public void Configure(EntityTypeBuilder<MissingAlert> builder)
    {
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(30);
        builder.HasIndex(a => new { a.Kind, a.SubjectId }).IsUnique();
        builder.HasIndex(a => new { a.ResidentId, a.ResolvedAtUtc });
    }
}

internal sealed class CareFollowUpConfiguration : IEntityTypeConfiguration<CareFollowUp>
{
    public void Configure(EntityTypeBuilder<CareFollowUp> builder)
    {
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(f => f.Trigger).HasConversion<string>().HasMaxLength(40);
        builder.HasIndex(f => new { f.Kind, f.SourceId }).IsUnique();
        builder.HasIndex(f => new { f.ResidentId, f.ResolvedAtUtc });
        builder.Ignore(f => f.IsOpen);
    }
}
