using System.Globalization;
using SafeHome.Domain.Residents;

namespace SafeHome.Domain.Outcomes;

public static partial class OutcomeMetrics
{
    /// The days in care a resident needs on the census day to count in M13 (DOMAIN.md §8).
    public const int EnrollmentMinimumDaysInCare = 14;

    private sealed partial class PeriodComputation
    {
        /// M13 on the census day (the period's last day, or the last day with complete data): residents in care that day,
        /// in care for at least 14 days counting the admission day and the census day, and school-age.
        private MetricResult M13(MetricDefinition d, DateOnly census)
        {
            var educationByResident = index.Data.Education.ToLookup(e => e.ResidentId);
            var counted = new HashSet<Guid>();
            long school = 0, ged = 0, diploma = 0, notEnrolled = 0, none = 0, tooNew = 0, older = 0;
            foreach (var stay in index.Data.Stays)
            {
                if (stay.AdmittedOn > census || stay.DischargedOn <= census || !counted.Add(stay.ResidentId))
                {
                    continue;
                }

                if (census.DayNumber - stay.AdmittedOn.DayNumber + 1 < EnrollmentMinimumDaysInCare)
                {
                    tooNew++;
                    continue;
                }

                if (!index.DateOfBirth.TryGetValue(stay.ResidentId, out var born) || Ages.YearsOn(born, census) > _options.SchoolAgeMax)
                {
                    older++;
                    continue;
                }

                switch (StatusOn(educationByResident[stay.ResidentId], census))
                {
                    case EducationStatus.EnrolledInSchool: school++; break;
                    case EducationStatus.EnrolledInGedProgram: ged++; break;
                    case EducationStatus.DiplomaOrGed: diploma++; break;
                    case EducationStatus.NotEnrolled: notEnrolled++; break;
                    default: none++; break;
                }
            }

            var total = school + ged + diploma + notEnrolled + none;
            _quality.Add(new DataQualityItem("School-age residents without an education status on the census day", none, total) { Metric = d.Id, LackingParts = [4], CheckedParts = [0, 1, 2, 3, 4] });
            var age = _options.SchoolAgeMax.ToString(CultureInfo.InvariantCulture);
            return Proportion(
                d,
                school + ged + diploma,
                [
                    new("Enrolled in school", school, true),
                    new("Enrolled in a GED program", ged, true),
                    new("Diploma or GED", diploma, true),
                    new("Not enrolled", notEnrolled),
                    new("No education status recorded", none),
                ],
                [
                    MetricStatistic.Separate($"In care fewer than {EnrollmentMinimumDaysInCare.ToString(CultureInfo.InvariantCulture)} days on the census day (not counted)", new OwnCount("residents in care too briefly", tooNew), "residents"),
                    MetricStatistic.Separate($"Older than {age} on the census day (not counted)", new OwnCount("residents above school age", older), "residents"),
                ],
                string.Create(CultureInfo.InvariantCulture, $"Census day {census:yyyy-MM-dd}."));
        }

        /// The status that held on the day: a diploma or GED earned by then outranks anything recorded later; otherwise
        /// the record that started last, and between records starting the same day the enrolled one.
        private static EducationStatus? StatusOn(IEnumerable<EducationFact> records, DateOnly day)
        {
            EducationFact? best = null;
            foreach (var r in records)
            {
                if (r.StartedOn > day || r.EndedOn < day)
                {
                    continue;
                }

                if (r.Status == EducationStatus.DiplomaOrGed)
                {
                    return r.Status;
                }

                if (best is null || r.StartedOn > best.StartedOn || (r.StartedOn == best.StartedOn && r.Status < best.Status))
                {
                    best = r;
                }
            }

            return best?.Status;
        }

        /// M24 over exits in the period (of youth at least the configured age on the discharge day).
        private MetricResult M24(MetricDefinition d)
        {
            long all = 0, some = 0, none = 0, unknown = 0;
            var held = new long[IdentityDocumentList.Each.Count];
            foreach (var stay in _exits)
            {
                if (_options.DocumentsMinimumAge > 0
                    && (!index.DateOfBirth.TryGetValue(stay.ResidentId, out var born) || Ages.YearsOn(born, stay.DischargedOn!.Value) < _options.DocumentsMinimumAge))
                {
                    continue;
                }

                if (stay.DocumentsAtExit is not { } documents)
                {
                    unknown++;
                    continue;
                }

                var present = documents & IdentityDocumentList.All;
                if (present == IdentityDocumentList.All)
                {
                    all++;
                }
                else if (present == IdentityDocuments.None)
                {
                    none++;
                }
                else
                {
                    some++;
                }

                for (var i = 0; i < held.Length; i++)
                {
                    if (present.HasFlag(IdentityDocumentList.Each[i]))
                    {
                        held[i]++;
                    }
                }
            }

            var recorded = all + some + none;

            // Each document is held by every exit with all five and by some of those with some: bounds a reader knows.
            MetricStatistic Held(string label, int document) => MetricStatistic.ShareOfOwn(
                label,
                Percent(held[document], recorded),
                new OwnCount($"exits holding document {document.ToString(CultureInfo.InvariantCulture)}", held[document], [0], [0, 1]),
                [0, 1, 2]);

            _quality.Add(new DataQualityItem("Exits without the identity-document checklist", unknown, recorded + unknown) { Metric = d.Id, LackingParts = [3], CheckedParts = [0, 1, 2, 3] });
            return Proportion(
                d,
                all,
                [new("All five documents", all, true), new("Some of the documents", some), new("None of the documents", none), new("Documents not recorded", unknown)],
                [
                    Held("Birth certificate", 0),
                    Held("Social Security card", 1),
                    Held("Driver's licence or state ID", 2),
                    Held("Health-insurance information", 3),
                    Held("Medical records", 4),
                    MetricStatistic.CountOf("Exits with the checklist recorded", recorded, "exits", 0, 1, 2),
                ]);
        }
    }
}
