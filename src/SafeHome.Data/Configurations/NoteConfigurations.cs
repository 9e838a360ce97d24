using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeHome.Data.Encryption;
using SafeHome.Domain.Notes;
using SafeHome.Domain.Residents;

namespace SafeHome.Data.Configurations;

internal sealed class ProgressNoteConfiguration : IEntityTypeConfiguration<ProgressNote>
{
    public void Configure(EntityTypeBuilder<ProgressNote> builder)
    {
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.HasOne<Resident>().WithMany().HasForeignKey(n => n.ResidentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Stay>().WithMany().HasForeignKey(n => n.StayId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(n => new { n.ResidentId, n.ServiceStartUtc });
        builder.HasIndex(n => new { n.Status, n.AuthorId });
        builder.Property(n => n.AuthorId).HasMaxLength(450).IsRequired();
        builder.Property(n => n.SignedById).HasMaxLength(450);
        builder.Property(n => n.CosignedById).HasMaxLength(450);
        builder.Property(n => n.ReturnedById).HasMaxLength(450);
        builder.Property(n => n.Type).HasConversion<string>().HasMaxLength(30);
        builder.Property(n => n.Format).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.Status).HasConversion<string>().HasMaxLength(20);
        foreach (var section in Enum.GetNames<NoteSection>())
        {
            builder.Property<string?>(section).IsEncrypted(ProgressNote.MaxLength.Section);
        }

        builder.Property(n => n.YouthWords).IsEncrypted(ProgressNote.MaxLength.YouthWords);
        builder.Property(n => n.StrengthsObserved).IsEncrypted(ProgressNote.MaxLength.Strengths);
        builder.Property(n => n.InterventionsUsed).IsEncrypted(ProgressNote.MaxLength.Interventions);
        builder.Property(n => n.RiskFollowUp).IsEncrypted(ProgressNote.MaxLength.FollowUp);
        builder.Property(n => n.LanguageOverrideReason).HasMaxLength(ProgressNote.MaxLength.Reason);
        builder.Property(n => n.ReturnComments).HasMaxLength(ProgressNote.MaxLength.Comments);
        builder.Property(n => n.ContentHash).HasMaxLength(64);
        builder.Property(n => n.Version).IsConcurrencyToken();
        builder.HasMany(n => n.Links).WithOne().HasForeignKey(l => l.NoteId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(n => n.Amendments).WithOne().HasForeignKey(a => a.NoteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(n => n.LanguageFindings).WithOne().HasForeignKey(f => f.NoteId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(n => n.Links).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(n => n.Amendments).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(n => n.LanguageFindings).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(n => n.IsLocked);
        builder.Ignore(n => n.HasRiskYes);
    }
}

internal sealed class NoteAmendmentConfiguration : IEntityTypeConfiguration<NoteAmendment>
{
    public void Configure(EntityTypeBuilder<NoteAmendment> builder)
    {
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.AuthorId).HasMaxLength(450).IsRequired();
        builder.Property(a => a.Text).IsEncrypted(NoteAmendment.MaxLength.Text);
        builder.Property(a => a.Reason).HasMaxLength(NoteAmendment.MaxLength.Reason);
        builder.Property(a => a.Section).HasMaxLength(NoteAmendment.MaxLength.Section);
        builder.Property(a => a.ContentHash).HasMaxLength(64).IsRequired();
    }
}

internal sealed class NoteLinkConfiguration : IEntityTypeConfiguration<NoteLink>
{
    public void Configure(EntityTypeBuilder<NoteLink> builder)
    {
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.HasIndex(l => l.GoalLineageId);
    }
}

internal sealed class NoteLanguageFindingConfiguration : IEntityTypeConfiguration<NoteLanguageFinding>
{
    public void Configure(EntityTypeBuilder<NoteLanguageFinding> builder)
    {
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.Field).HasMaxLength(40).IsRequired();
        builder.Property(f => f.Term).HasMaxLength(LexiconTerm.MaxLength.Term).IsRequired();
        builder.Property(f => f.Matched).HasMaxLength(200).IsRequired();
        builder.Property(f => f.Severity).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class LexiconTermConfiguration : IEntityTypeConfiguration<LexiconTerm>
{
    public void Configure(EntityTypeBuilder<LexiconTerm> builder)
    {
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Term).HasMaxLength(LexiconTerm.MaxLength.Term).IsRequired();
        builder.Property(t => t.NormalizedTerm).HasMaxLength(LexiconTerm.MaxLength.Term).IsRequired();
        builder.HasIndex(t => t.NormalizedTerm).IsUnique();
        builder.Property(t => t.Preferred).HasMaxLength(LexiconTerm.MaxLength.Preferred).IsRequired();
        builder.Property(t => t.Explanation).HasMaxLength(LexiconTerm.MaxLength.Explanation).IsRequired();
        builder.Property(t => t.Severity).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.Property(t => t.Source).HasMaxLength(LexiconTerm.MaxLength.Source);
        foreach (var list in new[] { nameof(LexiconTerm.OtherForms), nameof(LexiconTerm.PrecededBy), nameof(LexiconTerm.NotPrecededBy), nameof(LexiconTerm.FollowedBy), nameof(LexiconTerm.NotFollowedBy), nameof(LexiconTerm.NearWords) })
        {
            builder.Property<string?>(list).HasMaxLength(LexiconContext.ListMaxLength);
        }

        // The seeded entries are written by data migrations (ProgressNotes, LexiconForms), not HasData: a model seed
        // would overwrite entries a director has since edited.
    }
}

internal sealed class LanguageFlagConfiguration : IEntityTypeConfiguration<LanguageFlag>
{
    public void Configure(EntityTypeBuilder<LanguageFlag> builder)
    {
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<ProgressNote>().WithMany().HasForeignKey(f => f.NoteId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<LexiconTerm>().WithMany().HasForeignKey(f => f.TermId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(f => new { f.NoteId, f.TermId });
        builder.HasIndex(f => new { f.TermId, f.FlaggedAtUtc });
        builder.HasIndex(f => f.FlaggedAtUtc);
    }
}
