using System.Globalization;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Residents;

namespace SafeHome.Domain.Outcomes;

public static partial class OutcomeMetrics
{
    private sealed partial class PeriodComputation(MetricIndex index, ReportingPeriod period)
    {
        private readonly MetricOptions _options = index.Options;
        private readonly DateOnly _start = period.Start;
        private readonly DateOnly _end = period.End;
        private readonly List<DataQualityItem> _quality = [];
        private readonly HashSet<Guid> _served = [];
        private readonly List<StayFact> _exits = [];
        private long _residentDays;

        public MetricSet Run()
        {
            long admissions = 0, current = 0;
            var census = index.Through is { } through && through < _end ? through : _end;
            var currentDays = new List<double>();
            foreach (var stay in index.Data.Stays)
            {
                var nights = ResidentDays(stay, period, index.Through);
                _residentDays += nights;
                if (nights > 0)
                {
                    _served.Add(stay.ResidentId);
                }

                if (period.Contains(stay.AdmittedOn))
                {
                    admissions++;
                }

                if (stay.DischargedOn is { } discharged && period.Contains(discharged))
                {
                    _exits.Add(stay);
                }

                if (stay.AdmittedOn <= census && (stay.DischargedOn is null || stay.DischargedOn > census))
                {
                    current++;
                    currentDays.Add(census.DayNumber - stay.AdmittedOn.DayNumber + 1);
                }
            }

            var catalog = MetricCatalog.Describe(_options);
            var results = new List<MetricResult>(catalog.Count);
            foreach (var definition in catalog)
            {
                results.Add(NotRecordedNotes.TryGetValue(definition.Id, out var note)
                    ? MetricResult.NotRecorded(definition, note)
                    : definition.Id switch
                    {
                        "M1" => M1(definition),
                        "M2" => M2(definition),
                        "M3" => M3(definition),
                        "M4" => M4(definition),
                        "M5" => M5(definition),
                        "M6" => M6(definition),
                        "M7" => M7(definition),
                        "M8" => M8(definition),
                        "M9" => M9(definition, current, currentDays),
                        "M10" => M10(definition),
                        "M11" => M11(definition),
                        "M13" => M13(definition, census),
                        "M16" => M16(definition),
                        "M17" => M17(definition),
                        "M18" => M18(definition),
                        "M19" => M19(definition),
                        "M20" => M20(definition),
                        "M24" => M24(definition),
                        "M26" => M26(definition),
                        _ => MetricResult.NotRecorded(definition, "Not computed."),
                    });
            }

            ExitQuality();
            return new MetricSet(period, _served.Count, _residentDays, admissions, _exits.Count, current, results, _quality);
        }

        private IEnumerable<EpisodeRow> StartedInPeriod() => index.Episodes.Where(e => period.Contains(e.ClockDay));

        private IEnumerable<EpisodeRow> ReturnsInPeriod() => index.Episodes.Where(e =>
            e.ReturnDay is { } day && period.Contains(day) && e.Fact.ReturnType != ReturnType.AgedOutOrClosed);

        private static MetricResult Proportion(MetricDefinition d, long numerator, IReadOnlyList<MetricPart> parts, IReadOnlyList<MetricStatistic>? statistics = null, string? note = null)
        {
            var denominator = parts.Sum(p => p.Count);
            return new MetricResult(d, MetricStatus.Computed, numerator, denominator, denominator, Percent(numerator, denominator), parts, statistics ?? [], note);
        }

        private MetricResult M1(MetricDefinition d)
        {
            var byRisk = new long[5];
            foreach (var e in StartedInPeriod())
            {
                byRisk[e.Fact.RiskLevel is { } level ? (int)level : 4]++;
            }

            var episodes = byRisk.Sum();
            _quality.Add(new DataQualityItem("Missing-from-care episodes without a risk level", byRisk[4], episodes) { Metric = d.Id, LackingParts = [4], CheckedParts = [0, 1, 2, 3, 4] });
            MetricPart[] parts =
            [
                new("Risk level low", byRisk[(int)MissingRiskLevel.Low], true),
                new("Risk level medium", byRisk[(int)MissingRiskLevel.Medium], true),
                new("Risk level high", byRisk[(int)MissingRiskLevel.High], true),
                new("Risk level critical", byRisk[(int)MissingRiskLevel.Critical], true),
                new("Risk level not recorded", byRisk[4], true),
            ];
            return new MetricResult(d, MetricStatus.Computed, episodes, _residentDays, episodes, PerThousand(episodes, _residentDays), parts, []);
        }

        private MetricResult M2(MetricDefinition d)
        {
            var withEpisode = StartedInPeriod().Select(e => e.Fact.ResidentId).Where(_served.Contains).Distinct().LongCount();
            return Proportion(d, withEpisode, [new("With a missing-from-care episode", withEpisode, true), new("Without", _served.Count - withEpisode)]);
        }

        private MetricResult M3(MetricDefinition d)
        {
            var hours = new List<double>();
            long open = 0;
            foreach (var e in index.Episodes)
            {
                if (e.ReturnDay is { } day && period.Contains(day))
                {
                    hours.Add((e.Fact.ReturnedUtc!.Value - e.Fact.LastSeenUtc).TotalHours);
                }
                else if (e.ClockDay <= _end && (e.ReturnDay is null || e.ReturnDay > _end))
                {
                    open++;
                }
            }

            var sorted = hours.Order().ToArray();
            var median = Quantile(sorted, 0.5);
            MetricPart[] parts =
            [
                new("Under 24 hours", sorted.LongCount(h => h < 24), true),
                new("24 hours to 7 days", sorted.LongCount(h => h is >= 24 and <= 168), true),
                new("More than 7 days", sorted.LongCount(h => h > 168), true),
            ];
            MetricStatistic[] statistics =
            [
                MetricStatistic.SummaryOf("Median", median, HoursUnit, 0, 1, 2),
                MetricStatistic.SummaryOf("First quartile", Quantile(sorted, 0.25), HoursUnit, 0, 1, 2),
                MetricStatistic.SummaryOf("Third quartile", Quantile(sorted, 0.75), HoursUnit, 0, 1, 2),
                MetricStatistic.Separate("Open at the end of the period (censored)", new OwnCount("open episodes", open), "episodes"),
            ];
            return new MetricResult(d, MetricStatus.Computed, sorted.Length, sorted.Length, sorted.Length, median, parts, statistics);
        }

        private MetricResult M4(MetricDefinition d)
        {
            long onTime = 0, late = 0, notNeeded = 0, returnedFirst = 0, none = 0;
            var hours = new List<double>();
            foreach (var e in StartedInPeriod())
            {
                var n = e.LawEnforcement;
                if (n?.NotifiedAtUtc is { } at)
                {
                    hours.Add((at - e.Fact.ClockStartUtc).TotalHours);
                    if (at <= n.DueAtUtc)
                    {
                        onTime++;
                    }
                    else
                    {
                        late++;
                    }
                }
                else if (n is { NotApplicable: true })
                {
                    notNeeded++;
                }
                else if (n is not null && e.Fact.ReturnedUtc is { } returned && returned <= n.DueAtUtc)
                {
                    returnedFirst++;
                }
                else
                {
                    none++;
                }
            }

            var total = onTime + late + notNeeded + returnedFirst + none;
            _quality.Add(new DataQualityItem("Missing-from-care episodes without the law-enforcement report recorded", none, total) { Metric = d.Id, LackingParts = [4], CheckedParts = [0, 1, 2, 3, 4] });
            var sorted = hours.Order().ToArray();
            return Proportion(
                d,
                onTime,
                [
                    new("Reported by the due time", onTime, true),
                    new("Reported after the due time", late),
                    new("Returned before the report was due, not reported", returnedFirst),
                    new("Marked as not needed", notNeeded),
                    new("No report recorded", none),
                ],
                [MetricStatistic.SummaryOf("Median time to police report", Quantile(sorted, 0.5), HoursUnit, 0, 1), MetricStatistic.CountOf("Reports with a recorded time", sorted.Length, "episodes", 0, 1)]);
        }

        private MetricResult M5(MetricDefinition d)
        {
            long within = 0, later = 0, returnedFirst = 0, none = 0;
            var limit = TimeSpan.FromHours(_options.NcmecHours);
            foreach (var e in StartedInPeriod())
            {
                if (e.AgeAtClock is not { } age || age >= _options.NcmecUnderAge)
                {
                    continue;
                }

                var due = e.Fact.ClockStartUtc + limit;
                if (e.Ncmec?.NotifiedAtUtc is { } at)
                {
                    if (at <= due)
                    {
                        within++;
                    }
                    else
                    {
                        later++;
                    }
                }
                else if (e.Fact.ReturnedUtc is { } returned && returned <= due)
                {
                    returnedFirst++;
                }
                else
                {
                    none++;
                }
            }

            var hours = _options.NcmecHours.ToString(CultureInfo.InvariantCulture);
            _quality.Add(new DataQualityItem($"Missing-from-care episodes of youth under {_options.NcmecUnderAge.ToString(CultureInfo.InvariantCulture)} without the NCMEC report recorded", none, within + later + returnedFirst + none) { Metric = d.Id, LackingParts = [3], CheckedParts = [0, 1, 2, 3] });
            return Proportion(d, within, [
                new($"Reported within {hours} h", within, true),
                new($"Reported after {hours} h", later),
                new($"Returned within {hours} h, not reported", returnedFirst),
                new("No NCMEC report recorded", none),
            ]);
        }

        private MetricResult M6(MetricDefinition d)
        {
            long completed = 0, declined = 0, notWithin = 0;
            var limit = TimeSpan.FromHours(_options.DebriefHours);
            foreach (var e in ReturnsInPeriod())
            {
                var due = e.Fact.DebriefDueUtc ?? e.Fact.ReturnedUtc!.Value + limit;
                if (e.Debrief is { } debrief && debrief.HeldAtUtc <= due)
                {
                    if (debrief.Outcome == DebriefOutcome.Completed)
                    {
                        completed++;
                    }
                    else
                    {
                        declined++;
                    }
                }
                else
                {
                    notWithin++;
                }
            }

            var hours = _options.DebriefHours.ToString(CultureInfo.InvariantCulture);
            return Proportion(d, completed + declined, [
                new($"Completed within {hours} h", completed, true),
                new($"Offered and declined within {hours} h", declined, true),
                new($"Not within {hours} h", notWithin),
            ]);
        }

        private MetricResult M7(MetricDefinition d)
        {
            long onTime = 0, later = 0, none = 0;
            var limit = TimeSpan.FromHours(_options.ScreenHours);
            foreach (var e in ReturnsInPeriod())
            {
                var dueDay = index.LocalDay(e.Fact.ScreenDueUtc ?? e.Fact.ReturnedUtc!.Value + limit);
                if (e.Screen is not { } screen)
                {
                    none++;
                }
                else if (screen.ScreenedOn <= dueDay)
                {
                    onTime++;
                }
                else
                {
                    later++;
                }
            }

            var hours = _options.ScreenHours.ToString(CultureInfo.InvariantCulture);
            return Proportion(d, onTime, [
                new($"Screened within {hours} h", onTime, true),
                new("Screened later", later),
                new("No screen recorded", none),
            ]);
        }

        private MetricResult M8(MetricDefinition d)
        {
            var unplanned = _exits.LongCount(s => s.DischargeType == DischargeType.Unplanned);
            var planned = _exits.LongCount(s => s.DischargeType == DischargeType.Planned);
            var unknown = _exits.Count - unplanned - planned;
            MetricPart[] parts = [new("Unplanned", unplanned, true), new("Planned", planned), new("Discharge type not recorded", unknown)];
            return new MetricResult(d, MetricStatus.Computed, unplanned, _residentDays, _exits.Count, PerThousand(unplanned, _residentDays), parts,
                [MetricStatistic.Share("Unplanned exits as a share of all exits", Percent(unplanned, _exits.Count), [0], [0, 1, 2])]);
        }

        private MetricResult M9(MetricDefinition d, long current, List<double> currentDays)
        {
            var days = _exits.Select(s => (double)(s.DischargedOn!.Value.DayNumber - s.AdmittedOn.DayNumber)).Order().ToArray();
            var median = Quantile(days, 0.5);
            MetricPart[] parts =
            [
                new("Under 30 days", days.LongCount(x => x < 30), true),
                new("30 to 89 days", days.LongCount(x => x is >= 30 and < 90), true),
                new("90 to 179 days", days.LongCount(x => x is >= 90 and < 180), true),
                new("180 days or more", days.LongCount(x => x >= 180), true),
            ];
            currentDays.Sort();
            MetricStatistic[] statistics =
            [
                MetricStatistic.SummaryOf("Median", median, DaysUnit, 0, 1, 2, 3),
                MetricStatistic.SummaryOf("Mean", days.Length == 0 ? null : days.Average(), DaysUnit, 0, 1, 2, 3),
                MetricStatistic.Separate("Current residents at the end of the period", new OwnCount(CurrentResidentsKey, current), "residents"),
                MetricStatistic.SummaryOfOwn("Median days in care so far, current residents", Quantile([.. currentDays], 0.5), DaysUnit, new OwnCount(CurrentResidentsKey, current)),
            ];
            return new MetricResult(d, MetricStatus.Computed, days.Length, days.Length, days.Length, median, parts, statistics);
        }

        private MetricResult M10(MetricDefinition d)
        {
            long permanency = 0, lessRestrictive = 0, other = 0, unknown = 0;
            foreach (var stay in _exits)
            {
                if (_options.ExcludeMedicalTransfersFromPermanency && stay.Destination == DischargeDestination.HospitalPsych)
                {
                    continue;
                }

                switch (stay.Destination)
                {
                    case null:
                        unknown++;
                        break;
                    case { } destination when DischargeDestinations.IsPermanency(destination):
                        permanency++;
                        break;
                    case DischargeDestination.FamilyFoster or DischargeDestination.SupervisedIndependentLiving:
                        lessRestrictive++;
                        break;
                    default:
                        other++;
                        break;
                }
            }

            return Proportion(
                d,
                permanency,
                [
                    new("Permanency (reunification, relative or kin, adoptive, guardianship)", permanency, true),
                    new("Other less restrictive (family foster home, supervised independent living)", lessRestrictive),
                    new("Other destination", other),
                    new("Destination not recorded", unknown),
                ],
                [MetricStatistic.Share("Permanency or less restrictive", Percent(permanency + lessRestrictive, permanency + lessRestrictive + other + unknown), [0, 1], [0, 1, 2, 3])]);
        }

        private MetricResult M11(MetricDefinition d)
        {
            var confirmed = new HashSet<Guid>();
            var suspected = new HashSet<Guid>();
            foreach (var e in index.Data.ExploitationEvents)
            {
                if (period.Contains(e.OccurredOn) && _served.Contains(e.ResidentId))
                {
                    (e.Certainty == ExploitationCertainty.Confirmed ? confirmed : suspected).Add(e.ResidentId);
                }
            }

            suspected.ExceptWith(confirmed);
            long served = _served.Count;
            return Proportion(
                d,
                confirmed.Count + suspected.Count,
                [
                    new("Confirmed event", confirmed.Count, true),
                    new("Suspected event only", suspected.Count, true),
                    new("No event recorded", served - confirmed.Count - suspected.Count),
                ],
                [MetricStatistic.Share("Confirmed", Percent(confirmed.Count, served), [0], [0, 1, 2]), MetricStatistic.Share("Suspected only", Percent(suspected.Count, served), [1], [0, 1, 2])]);
        }

        private MetricResult M16(MetricDefinition d)
        {
            long onTime = 0, later = 0, none = 0;
            var window = _options.PlanActiveWithinDays;
            var daysToPlan = new List<double>();
            var horizon = index.Through?.DayNumber + 1 ?? int.MaxValue;
            foreach (var stay in index.Data.Stays)
            {
                if (!period.Contains(stay.AdmittedOn))
                {
                    continue;
                }

                var daysInCare = Math.Min(stay.DischargedOn?.DayNumber ?? int.MaxValue, horizon) - (long)stay.AdmittedOn.DayNumber;
                if (daysInCare < window)
                {
                    continue;
                }

                var end = stay.DischargedOn ?? DateOnly.MaxValue;
                DateOnly? first = null;
                if (index.ApprovedPlansByResident.TryGetValue(stay.ResidentId, out var plans))
                {
                    foreach (var plan in plans)
                    {
                        if (plan.Day >= stay.AdmittedOn && plan.Day <= end)
                        {
                            first = plan.Day;
                            break;
                        }
                    }
                }

                if (first is not { } active)
                {
                    none++;
                    continue;
                }

                var days = active.DayNumber - stay.AdmittedOn.DayNumber;
                daysToPlan.Add(days);
                if (days <= window)
                {
                    onTime++;
                }
                else
                {
                    later++;
                }
            }

            var within = window.ToString(CultureInfo.InvariantCulture);
            return Proportion(
                d,
                onTime,
                [new($"Active plan within {within} days", onTime, true), new($"Active plan after {within} days", later), new("No active plan", none)],
                [MetricStatistic.SummaryOf("Median days from admission to an active plan", Quantile([.. daysToPlan.Order()], 0.5), DaysUnit, 0, 1)]);
        }

        private MetricResult M17(MetricDefinition d)
        {
            long onTime = 0, late = 0;
            foreach (var review in index.Data.Reviews)
            {
                if (!period.Contains(review.DueOn))
                {
                    continue;
                }

                if (review.HeldOn <= review.DueOn)
                {
                    onTime++;
                }
                else
                {
                    late++;
                }
            }

            return Proportion(d, onTime, [new("Held on or before the due date", onTime, true), new("Held after the due date", late)]);
        }

        private MetricResult M18(MetricDefinition d)
        {
            long both = 0, presentOnly = 0, absent = 0, noMeeting = 0, reviewsPresent = 0, reviewsAbsent = 0;
            foreach (var plan in index.Data.Plans)
            {
                if (!index.PlanApprovedDay.TryGetValue(plan.Id, out var approved) || !period.Contains(approved))
                {
                    continue;
                }

                switch (plan.YouthPresentAtMeeting)
                {
                    case null:
                        noMeeting++;
                        break;
                    case false:
                        absent++;
                        break;
                    default:
                        if (plan.YouthSignedOrRefused)
                        {
                            both++;
                        }
                        else
                        {
                            presentOnly++;
                        }

                        break;
                }
            }

            foreach (var review in index.Data.Reviews)
            {
                if (period.Contains(review.HeldOn) && review.YouthPresent is { } present)
                {
                    if (present)
                    {
                        reviewsPresent++;
                    }
                    else
                    {
                        reviewsAbsent++;
                    }
                }
            }

            _quality.Add(new DataQualityItem("Plans finalised without a planning meeting recorded", noMeeting, both + presentOnly + absent + noMeeting) { Metric = d.Id, LackingParts = [3], CheckedParts = [0, 1, 2, 3] });
            var note = reviewsPresent + reviewsAbsent == 0 ? "Plan reviews do not record whether the youth was present or signed; only plans are counted." : null;
            return Proportion(
                d,
                both + reviewsPresent,
                [
                    new("Youth present, and signed or refusal recorded", both, true),
                    new("Youth present, no signature or refusal recorded", presentOnly),
                    new("Youth not present", absent),
                    new("No planning meeting recorded", noMeeting),
                    new("Review with the youth present", reviewsPresent, true),
                    new("Review without the youth", reviewsAbsent),
                ],
                note: note);
        }

        private MetricResult M19(MetricDefinition d)
        {
            long achieved = 0, partly = 0, notAchieved = 0, other = 0, unrated = 0;
            foreach (var lineage in index.Lineages)
            {
                if (lineage.TargetOn is not { } target || !period.Contains(target))
                {
                    continue;
                }

                GoalStatus? last = null;
                for (var i = lineage.Ratings.Count - 1; i >= 0; i--)
                {
                    if (period.Contains(lineage.Ratings[i].HeldOn))
                    {
                        last = lineage.Ratings[i].Status;
                        break;
                    }
                }

                switch (last)
                {
                    case null: unrated++; break;
                    case GoalStatus.Achieved: achieved++; break;
                    case GoalStatus.PartiallyAchieved: partly++; break;
                    case GoalStatus.NotAchieved: notAchieved++; break;
                    default: other++; break;
                }
            }

            return Proportion(d, achieved, [
                new("Achieved", achieved, true),
                new("Partially achieved", partly),
                new("Not achieved", notAchieved),
                new("Other status (not started, in progress, deferred, discontinued)", other),
                new("Not rated at a review in the period", unrated),
            ]);
        }

        private MetricResult M20(MetricDefinition d)
        {
            long high = 0, low = 0, unscored = 0;
            var scores = new List<double>();
            foreach (var stay in _exits)
            {
                var discharged = stay.DischargedOn!.Value;
                double? score = null;
                if (index.ReviewsByResident.TryGetValue(stay.ResidentId, out var reviews))
                {
                    for (var i = reviews.Length - 1; i >= 0; i--)
                    {
                        var r = reviews[i];
                        if (r.HeldOn <= discharged && r.HeldOn >= stay.AdmittedOn && r.TScore is { } t)
                        {
                            score = t;
                            break;
                        }
                    }
                }

                var scaled = score is not null
                    || (index.ApprovedPlansByResident.TryGetValue(stay.ResidentId, out var plans)
                        && plans.Any(p => p.Scaled && p.Day >= stay.AdmittedOn && p.Day <= discharged));
                if (!scaled)
                {
                    continue;
                }

                if (score is not { } value)
                {
                    unscored++;
                    continue;
                }

                scores.Add(value);
                if (value >= 50)
                {
                    high++;
                }
                else
                {
                    low++;
                }
            }

            return Proportion(
                d,
                high,
                [new("T-score 50 or above", high, true), new("T-score below 50", low), new("Scaled goals, no T-score recorded in the stay", unscored)],
                [MetricStatistic.SummaryOf("Mean T-score at discharge", scores.Count == 0 ? null : scores.Average(), "T", 0, 1), MetricStatistic.CountOf("Exits with a T-score", scores.Count, "exits", 0, 1)]);
        }

        private MetricResult M26(MetricDefinition d)
        {
            var (onTime, late, unsigned) = index.NoteCounts(_start, _end);
            var hours = _options.NoteSigningHours.ToString(CultureInfo.InvariantCulture);
            _quality.Add(new DataQualityItem("Progress notes not signed", unsigned, onTime + late + unsigned) { Metric = d.Id, LackingParts = [2], CheckedParts = [0, 1, 2] });
            return Proportion(d, onTime, [new($"Signed within {hours} h", onTime, true), new($"Signed after {hours} h", late), new("Not signed", unsigned)]);
        }

        private void ExitQuality()
        {
            _quality.Add(new DataQualityItem("Exits without a discharge type", _exits.LongCount(s => s.DischargeType is null), _exits.Count) { Metric = "M8", LackingParts = [2], CheckedParts = [0, 1, 2] });
            _quality.Add(new DataQualityItem("Exits without a discharge reason", _exits.LongCount(s => s.DischargeReason is null), _exits.Count) { Population = ExitsKey });
            _quality.Add(new DataQualityItem("Exits without a discharge destination", _exits.LongCount(s => s.Destination is null), _exits.Count) { Population = ExitsKey });

            long returns = 0, untyped = 0;
            foreach (var e in index.Episodes)
            {
                if (e.ReturnDay is { } day && period.Contains(day))
                {
                    returns++;
                    if (e.Fact.ReturnType is null)
                    {
                        untyped++;
                    }
                }
            }

            _quality.Add(new DataQualityItem("Returns without a return type", untyped, returns) { Metric = "M3", CheckedParts = [0, 1, 2] });

            long reviews = 0, noScore = 0;
            foreach (var review in index.Data.Reviews)
            {
                if (period.Contains(review.HeldOn) && index.ScaledPlans.Contains(review.PlanId))
                {
                    reviews++;
                    if (review.TScore is null)
                    {
                        noScore++;
                    }
                }
            }

            _quality.Add(new DataQualityItem("Plan reviews without a T-score although the plan has scaled goals", noScore, reviews));
        }
    }
}
