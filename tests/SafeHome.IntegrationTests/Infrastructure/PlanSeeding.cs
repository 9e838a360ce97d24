using Microsoft.EntityFrameworkCore;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Residents;

namespace SafeHome.IntegrationTests.Infrastructure;

/// Plans in a chosen workflow state, built through the domain's own methods (so every rule still applies), for
/// tests that start somewhere in the middle of the ISP workflow.
public static class PlanSeeding
{
    public static async Task<Guid> CreatePlanAsync(this SafeHomeApp app, Guid residentId, PlanStatus state, string? counselorId = null, string? directorId = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        return await app.WithDbAsync(async db =>
        {
            var resident = await db.Residents.AsNoTracking().SingleAsync(r => r.Id == residentId);
            var age = Ages.YearsOn(resident.DateOfBirth, app.Today);
            var previousActive = await db.ServicePlans
                .Include(p => p.Strengths).Include(p => p.Goals).ThenInclude(g => g.Objectives).ThenInclude(o => o.Interventions)
                .FirstOrDefaultAsync(p => p.ResidentId == residentId && p.Status == PlanStatus.Active);
            var plan = previousActive is null ? ServicePlan.StartFirst(residentId, counselorId, now) : previousActive.Revise(counselorId, now);
            if (previousActive is null)
            {
                plan.UpdateOverview("I want to finish school and feel safe.", StageOfChange.Preparation, null, app.Today.AddMonths(6));
                plan.AddStrength(StrengthSource.Youth, "Loves drawing and music");
                var goal = plan.AddGoal(new GoalDetails(
                    PlanDomain.Education, "Go to school every day", "Attend 90% of school days by the target date", GoalPriority.High,
                    app.Today.AddMonths(3), GoalStatus.InProgress, 2, "Misses most days", "Misses some days", "Attends 90%", "Attends 95%", "Attends every day"));
                var objective = plan.AddObjective(goal.Id, new ObjectiveDetails(
                    "School days attended", MetricType.Percent, "40%", app.Today.AddDays(-7), "90%", app.Today.AddMonths(3), "Attendance record", ResponsibleParty.Youth, null, GoalStatus.InProgress));
                plan.AddIntervention(objective.Id, new InterventionDetails("Tutoring", "Peer tutoring", "Twice a week", "Invented Learning Center", "Counselor", app.Today, null));
            }

            if (state != PlanStatus.Draft)
            {
                plan.RecordMeeting(new MeetingDetails(app.Today, "Youth, counselor, caseworker", MeetingModality.InPerson, "I want more art time.", null, null, RightsAcknowledged: true), app.Today, age);
                plan.SendToYouth();
            }

            if (state is PlanStatus.PendingSignatures or PlanStatus.PendingApproval or PlanStatus.Active)
            {
                plan.ReadyForSignatures(age);
            }

            if (state is PlanStatus.PendingApproval or PlanStatus.Active)
            {
                plan.Sign(SignerRole.Youth, "Youth", null, SignatureMethod.ElectronicSignature, false, null, now);
                plan.Sign(SignerRole.Counselor, "Test Counselor", counselorId, SignatureMethod.ElectronicSignature, false, null, now);
                plan.Sign(SignerRole.PlacingCaseworker, "Invented Caseworker", null, SignatureMethod.WetSignatureScanned, false, null, now);
                plan.SubmitForApproval(app.Today);
            }

            if (state == PlanStatus.Active)
            {
                plan.Approve(directorId ?? "seeded-director", previousActive, app.Today, now);
            }

            db.ServicePlans.Add(plan);
            await db.SaveChangesAsync();
            return plan.Id;
        });
    }
}
