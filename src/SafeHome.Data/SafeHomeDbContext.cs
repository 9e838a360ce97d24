using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data.Encryption;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Notes;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Reporting;
using SafeHome.Domain.Residents;
using SafeHome.Domain.Staff;

namespace SafeHome.Data;

public sealed class SafeHomeDbContext(DbContextOptions<SafeHomeDbContext> options) : IdentityDbContext<SafeHomeUser>(options), IDataProtectionKeyContext
{
    public DbSet<Resident> Residents => Set<Resident>();
    public DbSet<Stay> Stays => Set<Stay>();
    public DbSet<CaseloadAssignment> CaseloadAssignments => Set<CaseloadAssignment>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<IntegrityCheck> IntegrityChecks => Set<IntegrityCheck>();
    public DbSet<AuditCheckpoint> AuditCheckpoints => Set<AuditCheckpoint>();
    public DbSet<ServicePlan> ServicePlans => Set<ServicePlan>();
    public DbSet<PlanGoal> PlanGoals => Set<PlanGoal>();
    public DbSet<PlanObjective> PlanObjectives => Set<PlanObjective>();
    public DbSet<PlanReview> PlanReviews => Set<PlanReview>();
    public DbSet<PlanAlert> PlanAlerts => Set<PlanAlert>();
    public DbSet<JurisdictionPolicy> JurisdictionPolicies => Set<JurisdictionPolicy>();
    public DbSet<MissingEpisode> MissingEpisodes => Set<MissingEpisode>();
    public DbSet<MissingNotification> MissingNotifications => Set<MissingNotification>();
    public DbSet<MissingAlert> MissingAlerts => Set<MissingAlert>();
    public DbSet<CareFollowUp> CareFollowUps => Set<CareFollowUp>();
    public DbSet<PlacementSafetyDecision> PlacementSafetyDecisions => Set<PlacementSafetyDecision>();
    public DbSet<ExploitationEvent> ExploitationEvents => Set<ExploitationEvent>();
    public DbSet<EducationRecord> EducationRecords => Set<EducationRecord>();
    public DbSet<ProgressNote> ProgressNotes => Set<ProgressNote>();
    public DbSet<NoteAmendment> NoteAmendments => Set<NoteAmendment>();
    public DbSet<NoteLink> NoteLinks => Set<NoteLink>();
    public DbSet<LexiconTerm> LexiconTerms => Set<LexiconTerm>();
    public DbSet<LanguageFlag> LanguageFlags => Set<LanguageFlag>();
    public DbSet<ReportRun> ReportRuns => Set<ReportRun>();
    public DbSet<ReportFile> ReportFiles => Set<ReportFile>();
    public DbSet<AccountChangeRequest> AccountChangeRequests => Set<AccountChangeRequest>();
    public DbSet<FormDraft> FormDrafts => Set<FormDraft>();

    /// The sign-in key ring (cookies, antiforgery tokens, password links) shared by every node; each key is sealed by
    /// the key ring protection key, which lives outside the database (Web's KeyRing).
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// The key ring of the restricted columns (see <see cref="FieldEncryption"/>); null at design time.
    internal FieldCipher? FieldCipher { get; } = Encryption.FieldEncryption.CipherOf(options);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(SafeHomeDbContext).Assembly);
        Encryption.FieldEncryption.Apply(builder, FieldCipher);
    }
}
