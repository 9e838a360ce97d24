using System.Globalization;
using SafeHome.Reports.Outcomes;

namespace SafeHome.UnitTests.Reports;

/// An evaluator with a calculator, reading only what the report model prints (never the disclosure model behind it):
/// percentages times their printed bases, rates times resident-days, totals less their published parts, numerators
/// beside denominators. Each finding is a count of 1 to threshold − 1 worked back from printed figures.
internal static class ReportAttacker
{
    public static List<string> Attack(OutcomeReportModel model)
    {
        var t = model.Threshold;
        var findings = new List<string>();
        var residentDays = model.Overview.Single(o => o.Label == "Resident-days").Value;
        foreach (var row in model.Sections.SelectMany(s => s.Metrics).Where(m => m.Recorded))
        {
            void Found(string what, long count)
            {
                if (count is > 0 && count < t)
                {
                    findings.Add(string.Create(CultureInfo.InvariantCulture, $"{row.Id}: {what} = {count}"));
                }
            }

            // A breakdown: its withheld parts add up to the total less the published ones.
            var withheld = row.Parts.Where(p => p.Count.Withheld).ToList();
            if (row.PartsTotal.IsPublished && withheld.Count > 0)
            {
                var rest = (long)row.PartsTotal.Value!.Value - row.Parts.Where(p => p.Count.IsPublished).Sum(p => (long)p.Count.Value!.Value);
                if (rest + 1 < t)
                {
                    findings.Add(string.Create(CultureInfo.InvariantCulture, $"{row.Id}: withheld parts add up to {rest}"));
                }
            }

            // The key result beside its numerator and denominator: the remainder.
            if (row.Numerator.IsPublished && row.Denominator.IsPublished && row.Unit == "%")
            {
                Found("remainder beside the numerator", (long)(row.Denominator.Value!.Value - row.Numerator.Value!.Value));
            }

            if (row.Unit == "%" && row.Value.IsPublished && row.Denominator.IsPublished)
            {
                var den = (long)row.Denominator.Value!.Value;
                if (Solve(row.Value.Value!.Value, den, 100, OutcomeReport.PercentDecimals) is { } k)
                {
                    Found("numerator from the percentage", k);
                    Found("remainder from the percentage", den - k);
                }
            }

            if (row.Unit.StartsWith("per 1,000", StringComparison.Ordinal) && row.Value.IsPublished && residentDays.IsPublished)
            {
                if (Solve(row.Value.Value!.Value, (long)residentDays.Value!.Value, 1000, OutcomeReport.RateDecimals) is { } k)
                {
                    Found("events from the rate", k);
                }
            }

            // Shares printed among the statistics, over the base the row prints for them.
            var checklist = row.Statistics.FirstOrDefault(s => s.Label == "Exits with the checklist recorded")?.Value;
            var shareBase = checklist ?? row.PartsTotal;
            foreach (var share in row.Statistics.Where(s => s.Unit == "%" && s.Value.IsPublished))
            {
                if (shareBase.IsPublished && Solve(share.Value.Value!.Value, (long)shareBase.Value!.Value, 100, OutcomeReport.PercentDecimals) is { } k)
                {
                    Found($"\"{share.Label}\" count", k);
                    Found($"\"{share.Label}\" remainder", (long)shareBase.Value!.Value - k);
                }
            }
        }

        return findings;
    }

    /// The one count k in 0..base whose scaled share rounds to the printed value, or null when several fit.
    private static long? Solve(double printed, long denominator, double scale, int decimals)
    {
        if (denominator <= 0)
        {
            return null;
        }

        long? found = null;
        for (long k = 0; k <= denominator; k++)
        {
            if (Math.Round(scale * k / denominator, decimals, MidpointRounding.AwayFromZero) == printed)
            {
                if (found is not null)
                {
                    return null;
                }

                found = k;
            }
        }

        return found;
    }
}
