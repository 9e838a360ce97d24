using System.Globalization;

namespace SafeHome.Domain.Outcomes;

public enum MetricUnit
{
    Percent,
    PerThousandResidentDays,
    Hours,
    Days,
    TScore,
    Score,
}

public static class MetricAreas
{
    public const string Safety = "Safety and missing episodes";
    public const string Stability = "Stability and exits";
    public const string Plans = "Plan timeliness and goal attainment";
    public const string EducationHealth = "Education and health";
    public const string Documentation = "Documentation timeliness";
}

/// <param name="Definition">The full wording for the methods appendix.</param>
public sealed record MetricDefinition(
    string Id,
    string Name,
    string Area,
    string Numerator,
    string Denominator,
    string Definition,
    MetricUnit Unit);

/// Outcome metrics M1–M26 of DOMAIN.md §8, in report order.
public static class MetricCatalog
{
    /// The definitions under the default options: ids, names, areas and units, which no option changes.
    public static IReadOnlyList<MetricDefinition> All { get; } = Describe(MetricOptions.Default);

    public static MetricDefinition Get(string id) =>
        All.FirstOrDefault(d => d.Id == id) ?? throw new ArgumentException($"No metric with id {id}.", nameof(id));

    /// The definitions worded with the thresholds the computation used, for the methods appendix: a report computed
    /// with a 24-hour signing window must not describe a 72-hour one.
    public static IReadOnlyList<MetricDefinition> Describe(MetricOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var signing = N(options.NoteSigningHours);
        var plan = N(options.PlanActiveWithinDays);
        var debrief = N(options.DebriefHours);
        var screen = N(options.ScreenHours);
        var ncmec = N(options.NcmecHours);
        var underAge = N(options.NcmecUnderAge);
        var schoolAge = N(options.SchoolAgeMax);
        var minimumDays = N(OutcomeMetrics.EnrollmentMinimumDaysInCare);
        var medicalTransfers = options.ExcludeMedicalTransfersFromPermanency
            ? "Transfers to a psychiatric hospital are left out (a setting)."
            : "Transfers to a psychiatric hospital are counted as exits; a setting can leave them out.";
        var documentsAge = options.DocumentsMinimumAge > 0
            ? $"Only exits of youth {N(options.DocumentsMinimumAge)} or older on the discharge day are counted (a setting)."
            : "Every exit counts; a setting can limit the count to youth of a minimum age at discharge (for example 14).";
        return
        [
            new("M1", "Missing-from-care episodes per 1,000 resident-days", MetricAreas.Safety,
                "Missing-from-care episodes whose reporting clock started in the period",
                "Resident-days in the period",
                "Episodes whose clock start (the onset time set by the jurisdiction policy, by default when staff discovered the youth missing) falls in the period, divided by resident-days in the period, times 1,000. An episode spanning two periods counts in the period its clock started. Resident-days count the nights in care within the period: the admission day counts, the discharge day does not, and days while missing count.",
                MetricUnit.PerThousandResidentDays),
            new("M2", "Youth with any missing-from-care episode", MetricAreas.Safety,
                "Youth served with at least one episode whose clock started in the period",
                "Youth served (distinct residents with at least one day in care in the period)",
                "Percentage of youth served who had at least one missing-from-care episode starting in the period.",
                MetricUnit.Percent),
            new("M3", "Length of missing-from-care episodes", MetricAreas.Safety,
                "Hours from last seen to return, for episodes that closed in the period",
                "Episodes closed in the period; episodes still open at the end of the period are counted separately (censored)",
                "Median, first and third quartile of the hours between the time the youth was last seen and the time they returned, for episodes whose return falls in the period. An episode counts in the period it closed. Episodes still open at the end of the period have no length yet and are reported as a separate count. Quartiles use linear interpolation between ranks.",
                MetricUnit.Hours),
            new("M4", "Law-enforcement report on time", MetricAreas.Safety,
                "Episodes with the law-enforcement report made by its due time",
                "Episodes whose clock started in the period",
                "Percentage of episodes starting in the period for which the law-enforcement notification was made at or before its due time, set from the jurisdiction policy when the episode was recorded (the program's default policy allows 2 hours after the clock start). A report made after the period ended counts as late, not as missing. The median hours from clock start to the report are shown alongside. Episodes where the youth returned before the report was due and no report was made are shown as a separate part.",
                MetricUnit.Percent),
            new("M5", $"NCMEC report within {ncmec} hours", MetricAreas.Safety,
                $"Episodes with a report to NCMEC within {ncmec} hours of the clock start",
                $"Episodes starting in the period for youth under {underAge} at the clock start",
                $"Percentage of episodes starting in the period, for youth younger than {underAge} when the clock started, with an NCMEC notification recorded no later than {ncmec} hours after the clock start. A report made later, even after the period ended, counts as late.",
                MetricUnit.Percent),
            new("M6", $"Return interview within {debrief} hours", MetricAreas.Safety,
                "Returns with a debrief completed, or offered and declined, by its due time",
                "Returns in the period",
                $"Percentage of returns in the period with a return interview held by its due time, set from the jurisdiction policy when the return was recorded ({debrief} hours after the return where none is stored). A debrief held after the period ended is judged against the same due time. A debrief the youth declined counts as offered; completed and declined debriefs are reported separately. Episodes closed because the youth aged out or the case closed are not returns and are left out.",
                MetricUnit.Percent),
            new("M7", "Trafficking screen after return", MetricAreas.Safety,
                "Returns with a post-return trafficking screen documented by its due time",
                "Returns in the period",
                $"Percentage of returns in the period with a trafficking screen documented on or before the day it was due, set from the jurisdiction policy when the return was recorded ({screen} hours after the return where none is stored). A screen dated after the period ended is judged against the same due day. Compare the 65% gap found by the HHS Office of Inspector General. Episodes closed because the youth aged out or the case closed are left out.",
                MetricUnit.Percent),
            new("M8", "Unplanned exits per 1,000 resident-days", MetricAreas.Stability,
                "Exits in the period with discharge type unplanned",
                "Resident-days in the period",
                "Stays discharged in the period as unplanned, divided by resident-days in the period, times 1,000 (adapted from the CFSR placement-stability measure). The share of all exits that were unplanned is shown alongside.",
                MetricUnit.PerThousandResidentDays),
            new("M9", "Length of stay", MetricAreas.Stability,
                "Days from admission to discharge, for exits in the period",
                "Exits in the period; current residents are shown separately",
                "Median and mean number of days from admission to discharge for stays discharged in the period. Residents still in care at the end of the period are shown as a point-in-time count with their median days in care so far.",
                MetricUnit.Days),
            new("M10", "Discharge to permanency", MetricAreas.Stability,
                "Exits to reunification, relative or kin, adoption or guardianship",
                "Exits in the period",
                "Percentage of exits in the period to a permanency destination (reunification, relative or kin, adoptive home, guardianship). Exits to a family foster home or supervised independent living are reported as a separate, less restrictive group. " + medicalTransfers,
                MetricUnit.Percent),
            new("M11", "Re-exploitation during a stay", MetricAreas.Safety,
                "Youth served with a confirmed or suspected exploitation event dated in the period",
                "Youth served",
                "Percentage of youth served with at least one exploitation event dated in the period, including events while missing from care. Youth with a confirmed event and youth with suspected events only are reported separately.",
                MetricUnit.Percent),
            new("M12", "Re-exploitation after discharge", MetricAreas.Stability,
                "Youth with a known exploitation event within 6 or 12 months after exit",
                "Exits at least 6 or 12 months before the end of the period with follow-up contact",
                "Percentage of youth with a known exploitation event within 6 (or 12) months after discharge, among exits at least that long before the end of the period for which there was follow-up contact. The follow-up rate is reported alongside.",
                MetricUnit.Percent),
            new("M13", "School enrollment", MetricAreas.EducationHealth,
                "School-age residents enrolled in school or a GED program, or holding a diploma or GED, on the census day",
                $"School-age residents in care on the census day with at least {minimumDays} days in care",
                $"Percentage of residents in care on the last day of the period (the census day), in care for at least {minimumDays} days by then (the admission day and the census day both count) and {schoolAge} or younger that day (a setting), whose education record covering the census day says enrolled in school, enrolled in a GED program, or diploma or GED. A diploma or GED earned by then counts whatever was recorded later; otherwise the record that started last applies. Residents with no education record covering the day are shown as a separate part. Residents in care fewer than {minimumDays} days, and older residents, are counted alongside but left out.",
                MetricUnit.Percent),
            new("M14", "School attendance", MetricAreas.EducationHealth,
                "School days attended",
                "School days enrolled while in care",
                "School days attended as a percentage of school days enrolled while in care; days missing from care count as absent.",
                MetricUnit.Percent),
            new("M15", "Health engagement", MetricAreas.EducationHealth,
                "Admissions with an initial health exam within 30 days (likewise dental and behavioral health)",
                "Admissions in the period with at least 30 days in care",
                "Percentage of admissions in the period with at least 30 days in care that had an initial health exam within 30 days of admission; dental and behavioral health assessments are reported the same way.",
                MetricUnit.Percent),
            new("M16", "Individual service plan on time", MetricAreas.Plans,
                $"Stays with an active service plan within {plan} days of admission",
                $"Admissions in the period with at least {plan} days in care",
                $"Percentage of stays admitted in the period, with at least {plan} days in care, whose service plan became active (was approved) within {plan} days of admission. A plan approved after the period ended counts as late.",
                MetricUnit.Percent),
            new("M17", "Plan reviews on time", MetricAreas.Plans,
                "Reviews held on or before their due date",
                "Reviews due in the period",
                "Percentage of plan reviews due in the period that were held on or before the due date. A review due in the period and held after it counts as late. Only recorded reviews are counted: a review not yet held has no record until it is held.",
                MetricUnit.Percent),
            new("M18", "Youth participation in planning", MetricAreas.Plans,
                "Plans finalised with the youth present and the youth's signature or documented refusal",
                "Plans finalised in the period",
                "Percentage of service plans approved in the period where the youth took part in the planning meeting (in person, by video or by phone) and either signed the plan or declined to sign with their reason recorded. Reviews are included once they record whether the youth was present.",
                MetricUnit.Percent),
            new("M19", "Objectives achieved", MetricAreas.Plans,
                "Objectives rated achieved at their last review in the period",
                "Objectives with a target date in the period",
                "Percentage of plan objectives with a target date in the period whose latest rating at a review held in the period is achieved. An objective carried across plan versions is counted once.",
                MetricUnit.Percent),
            new("M20", "Goal attainment at discharge", MetricAreas.Plans,
                "Exits with a Goal Attainment Scaling T-score of 50 or more at discharge",
                "Exits in the period with at least one scaled goal",
                "For stays discharged in the period with at least one goal on a Goal Attainment Scale, the T-score of the last review in the stay (T = 50 means goals met as expected). Reports the mean T-score and the percentage with T of 50 or more.",
                MetricUnit.Percent),
            new("M21", "Symptom change", MetricAreas.EducationHealth,
                "Paired change in trauma symptom scores; youth below the clinical cutoff at exit",
                "Youth with at least two administrations at least 60 days apart",
                "Paired change from admission to the latest or discharge administration of CATS, UCLA PTSD-RI or CPSS, and the percentage below the clinical cutoff at exit.",
                MetricUnit.Score),
            new("M22", "CANS change", MetricAreas.EducationHealth,
                "Actionable needs (2–3) resolved to 0–1; strengths gained",
                "Youth with an intake CANS and at least one reassessment",
                "Share of actionable needs at intake rated 0 or 1 at the latest reassessment, and centerpiece or useful strengths gained.",
                MetricUnit.Percent),
            new("M23", "Life skills", MetricAreas.EducationHealth,
                "Mean change in Casey Life Skills domain scores",
                "Youth 14 or older with at least two administrations",
                "Mean change in Casey Life Skills Assessment domain scores between the first and latest administration.",
                MetricUnit.Score),
            new("M24", "Identity documents at exit", MetricAreas.Stability,
                "Exits where the youth left with all five documents: birth certificate, Social Security card, driver's licence or state ID, health-insurance information and medical records",
                options.DocumentsMinimumAge > 0 ? $"Exits in the period of youth {N(options.DocumentsMinimumAge)} or older on the discharge day" : "Exits in the period",
                "Percentage of exits in the period where the youth left with all five documents named by P.L. 113-183 (birth certificate, Social Security card, driver's licence or state ID, health-insurance information, medical records), as checked on the discharge form. Exits with some or none of the documents, and exits discharged without the checklist recorded, are shown as separate parts; the percentage holding each document is taken over exits with the checklist recorded. " + documentsAge,
                MetricUnit.Percent),
            new("M25", "Youth satisfaction", MetricAreas.Stability,
                "Mean satisfaction score; surveys with a favourable answer",
                "Surveys returned",
                "Mean satisfaction score and percentage favourable among surveys returned in the period, with the response rate (returned out of offered).",
                MetricUnit.Score),
            new("M26", "Progress notes signed on time", MetricAreas.Documentation,
                $"Notes signed within {signing} hours of the end of the service",
                "Notes with a service date in the period",
                $"Percentage of progress notes for services in the period signed no later than {signing} hours (the signing deadline setting) after the service ended. A note signed after the period ended counts by when it was signed. Notes not yet signed count as not on time; notes marked entered in error are left out.",
                MetricUnit.Percent),
        ];
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
