using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Residents;

namespace SafeHome.Data.Configurations;

internal sealed class ServicePlanConfiguration : IEntityTypeConfiguration<ServicePlan>
{
    public void Configure(EntityTypeBuilder<ServicePlan> builder)
    {
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.HasOne<Resident>().WithMany().HasForeignKey(p => p.ResidentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.ResidentId, p.VersionNumber }).IsUnique();
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(30);
        builder.Property(p => p.StageOfChange).HasConversion<string>().HasMaxLength(30);
        builder.Property(p => p.YouthVision).HasMaxLength(ServicePlan.MaxLength.Vision);
        builder.Property(p => p.ReturnComments).HasMaxLength(ServicePlan.MaxLength.Comments);
        builder.Property(p => p.CreatedById).HasMaxLength(450);
        builder.Property(p => p.ApprovedById).HasMaxLength(450);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasMany(p => p.Strengths).WithOne().HasForeignKey(s => s.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Goals).WithOne().HasForeignKey(g => g.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Signatures).WithOne().HasForeignKey(s => s.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(p => p.Meeting).WithOne().HasForeignKey<PlanningMeeting>(m => m.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Strengths).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(p => p.Goals).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(p => p.Signatures).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(p => p.CurrentSignatures);
        builder.Ignore(p => p.IsEditable);
        builder.Ignore(p => p.AllObjectives);
    }
}

internal sealed class PlanStrengthConfiguration : IEntityTypeConfiguration<PlanStrength>
{
    public void Configure(EntityTypeBuilder<PlanStrength> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Source).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Text).HasMaxLength(PlanStrength.TextMaxLength).IsRequired();
    }
}

internal sealed class PlanGoalConfiguration : IEntityTypeConfiguration<PlanGoal>
{
    public void Configure(EntityTypeBuilder<PlanGoal> builder)
    {
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.Property(g => g.Domain).HasConversion<string>().HasMaxLength(40);
        builder.Property(g => g.Priority).HasConversion<string>().HasMaxLength(20);
        builder.Property(g => g.Status).HasConversion<string>().HasMaxLength(30);
        builder.Property(g => g.YouthStatement).HasMaxLength(PlanGoal.MaxLength.Statement).IsRequired();
        builder.Property(g => g.SmartStatement).HasMaxLength(PlanGoal.MaxLength.Statement);
        builder.Property(g => g.DiscontinuedReason).HasMaxLength(PlanGoal.MaxLength.Reason);
        foreach (var descriptor in new[] { nameof(PlanGoal.GasMuchLess), nameof(PlanGoal.GasLess), nameof(PlanGoal.GasExpected), nameof(PlanGoal.GasMore), nameof(PlanGoal.GasMuchMore) })
        {
            builder.Property<string?>(descriptor).HasMaxLength(PlanGoal.MaxLength.GasDescriptor);
        }

        builder.HasMany(g => g.Objectives).WithOne().HasForeignKey(o => o.GoalId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(g => g.Objectives).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(g => g.HasGasScale);
        builder.Ignore(g => g.Details);
    }
}

internal sealed class PlanObjectiveConfiguration : IEntityTypeConfiguration<PlanObjective>
{
    public void Configure(EntityTypeBuilder<PlanObjective> builder)
    {
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Criterion).HasMaxLength(PlanObjective.MaxLength.Criterion).IsRequired();
        builder.Property(o => o.MetricType).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.Baseline).HasMaxLength(PlanObjective.MaxLength.Measure);
        builder.Property(o => o.Target).HasMaxLength(PlanObjective.MaxLength.Measure).IsRequired();
        builder.Property(o => o.MeasurementMethod).HasMaxLength(PlanObjective.MaxLength.Method);
        builder.Property(o => o.Responsible).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.ResponsibleName).HasMaxLength(PlanObjective.MaxLength.ResponsibleName);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(30);
        builder.Property(o => o.DiscontinuedReason).HasMaxLength(PlanObjective.MaxLength.Reason);
        builder.HasMany(o => o.Interventions).WithOne().HasForeignKey(i => i.ObjectiveId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.Interventions).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(o => o.Details);
    }
}

internal sealed class PlanInterventionConfiguration : IEntityTypeConfiguration<PlanIntervention>
{
    public void Configure(EntityTypeBuilder<PlanIntervention> builder)
    {
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Type).HasMaxLength(PlanIntervention.MaxLength.ShortText).IsRequired();
        builder.Property(i => i.Model).HasMaxLength(PlanIntervention.MaxLength.ShortText);
        builder.Property(i => i.Frequency).HasMaxLength(PlanIntervention.MaxLength.ShortText);
        builder.Property(i => i.Provider).HasMaxLength(PlanIntervention.MaxLength.Provider);
        builder.Property(i => i.ResponsibleStaff).HasMaxLength(PlanIntervention.MaxLength.ShortText);
        builder.Property(i => i.DiscontinuedReason).HasMaxLength(PlanIntervention.MaxLength.Reason);
        builder.Ignore(i => i.IsDiscontinued);
        builder.Ignore(i => i.Details);
    }
}

internal sealed class PlanningMeetingConfiguration : IEntityTypeConfiguration<PlanningMeeting>
{
    public void Configure(EntityTypeBuilder<PlanningMeeting> builder)
    {
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Attendees).HasMaxLength(PlanningMeeting.MaxLength.Attendees).IsRequired();
        builder.Property(m => m.YouthParticipation).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.YouthFeedback).HasMaxLength(PlanningMeeting.MaxLength.Feedback);
        builder.Property(m => m.ChosenMemberOne).HasMaxLength(PlanningMeeting.MaxLength.Member);
        builder.Property(m => m.ChosenMemberTwo).HasMaxLength(PlanningMeeting.MaxLength.Member);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.Ignore(m => m.YouthPresent);
    }
}

internal sealed class PlanSignatureConfiguration : IEntityTypeConfiguration<PlanSignature>
{
    public void Configure(EntityTypeBuilder<PlanSignature> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Role).HasConversion<string>().HasMaxLength(30);
        builder.Property(s => s.Method).HasConversion<string>().HasMaxLength(30);
        builder.Property(s => s.SignerName).HasMaxLength(PlanSignature.MaxLength.Name).IsRequired();
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.Property(s => s.DeclineReason).HasMaxLength(PlanSignature.MaxLength.Reason);
        builder.Property(s => s.Attestation).HasMaxLength(20).IsRequired();
        builder.Ignore(s => s.IsCurrent);
    }
}

internal sealed class PlanReviewConfiguration : IEntityTypeConfiguration<PlanReview>
{
    public void Configure(EntityTypeBuilder<PlanReview> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasOne<ServicePlan>().WithMany().HasForeignKey(r => r.PlanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.ResidentId, r.HeldOn });
        builder.Property(r => r.Type).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Trigger).HasConversion<string>().HasMaxLength(40);
        builder.Property(r => r.Decisions).HasMaxLength(PlanReview.DecisionsMaxLength).IsRequired();
        builder.Property(r => r.RecordedById).HasMaxLength(450);
        builder.HasMany(r => r.Ratings).WithOne().HasForeignKey(r => r.ReviewId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Ratings).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ReviewRatingConfiguration : IEntityTypeConfiguration<ReviewRating>
{
    public void Configure(EntityTypeBuilder<ReviewRating> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.Level).HasConversion<int?>();
    }
}

internal sealed class PlanAlertConfiguration : IEntityTypeConfiguration<PlanAlert>
{
    public void Configure(EntityTypeBuilder<PlanAlert> builder)
    {
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(30);
        builder.HasIndex(a => new { a.Kind, a.SubjectId, a.DueOn }).IsUnique();
        builder.HasIndex(a => a.ResidentId);
    }
}
