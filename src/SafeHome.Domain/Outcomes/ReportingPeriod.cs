using System.Globalization;

namespace SafeHome.Domain.Outcomes;

public enum PeriodKind
{
    Custom,
    Quarter,
    Year,
}

/// A reporting period P = [Start, End], both days included (DOMAIN.md §8).
public readonly record struct ReportingPeriod
{
    private ReportingPeriod(DateOnly start, DateOnly end, PeriodKind kind)
    {
        Start = start;
        End = end;
        Kind = kind;
    }

    public DateOnly Start { get; }
    public DateOnly End { get; }
    public PeriodKind Kind { get; }

    public int Days => End.DayNumber - Start.DayNumber + 1;

    public string Label => Kind switch
    {
        PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Start.Year} Q{((Start.Month - 1) / 3) + 1}"),
        PeriodKind.Year => Start.Year.ToString(CultureInfo.InvariantCulture),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Start:yyyy-MM-dd} to {End:yyyy-MM-dd}"),
    };

    /// The period of the same kind just before this one; a custom period steps back by its own length.
    public ReportingPeriod Previous => Kind switch
    {
        PeriodKind.Quarter => Quarter(Start.AddMonths(-3).Year, ((Start.AddMonths(-3).Month - 1) / 3) + 1),
        PeriodKind.Year => Year(Start.Year - 1),
        _ => Custom(Start.AddDays(-Days), Start.AddDays(-1)),
    };

    public static ReportingPeriod Quarter(int year, int quarter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1901);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9998);
        ArgumentOutOfRangeException.ThrowIfLessThan(quarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarter, 4);
        var start = new DateOnly(year, ((quarter - 1) * 3) + 1, 1);
        return new ReportingPeriod(start, start.AddMonths(3).AddDays(-1), PeriodKind.Quarter);
    }

    public static ReportingPeriod Year(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1901);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9998);
        return new ReportingPeriod(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), PeriodKind.Year);
    }

    public static ReportingPeriod Custom(DateOnly start, DateOnly end)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start, end);
        ArgumentOutOfRangeException.ThrowIfLessThan(start, new DateOnly(1901, 1, 1));
        return new ReportingPeriod(start, end, PeriodKind.Custom);
    }

    public static ReportingPeriod QuarterContaining(DateOnly day) => Quarter(day.Year, ((day.Month - 1) / 3) + 1);

    public bool Contains(DateOnly day) => day >= Start && day <= End;

    /// The <paramref name="count"/> calendar quarters ending with the quarter that contains <see cref="End"/>, oldest first.
    public IReadOnlyList<ReportingPeriod> LastQuarters(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 400);
        var quarters = new ReportingPeriod[count];
        var quarter = QuarterContaining(End);
        for (var i = count - 1; i >= 0; i--)
        {
            quarters[i] = quarter;
            if (i > 0)
            {
                quarter = quarter.Previous;
            }
        }

        return quarters;
    }

    public override string ToString() => Label;
}
