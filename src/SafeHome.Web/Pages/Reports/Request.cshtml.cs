using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Outcomes;
using SafeHome.Domain.Reporting;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Reports;

/// A director asks for the outcome report of a quarter or a year that has ended. Asking again while that period's
/// report is being built leads to the same run; a finished one is shown, and can be regenerated as a new version.
public sealed class RequestModel(SafeHomeDbContext db, ReportRequests requests, TimeProvider clock) : PageModel
{
    public const int FirstYear = 2000;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public int LastYear => clock.Today().Year;

    public void OnGet()
    {
        var lastQuarter = ReportingPeriod.QuarterContaining(clock.Today()).Previous;
        Input = new InputModel { Kind = ReportPeriodKind.Quarter, Year = lastQuarter.Start.Year, Quarter = ((lastQuarter.Start.Month - 1) / 3) + 1 };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid || Period() is not { } period)
        {
            return Page();
        }

        var run = await requests.RequestAsync(Input.Kind!.Value, period, ReportTrigger.Director, User.UserId(), newVersion: false, cancellationToken);
        return RedirectToPage("/Reports/Run", new { id = run.Id });
    }

    [RequiresRecentSignIn(ReturnPage = "/Reports/Run")]
    public async Task<IActionResult> OnPostRegenerateAsync(Guid id, CancellationToken cancellationToken)
    {
        var existing = await db.ReportRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (existing is null)
        {
            return NotFound();
        }

        var run = await requests.RequestAsync(existing.Kind, ReportRequests.PeriodOf(existing), ReportTrigger.Director, User.UserId(), newVersion: true, cancellationToken);
        return RedirectToPage("/Reports/Run", new { id = run.Id });
    }

    /// The chosen period, or null with a message next to the field that is wrong.
    private ReportingPeriod? Period()
    {
        var today = clock.Today();
        var year = Input.Year!.Value;
        if (year < FirstYear || year > today.Year)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Year)}", $"Choose a year from {FirstYear} to {today.Year}.");
            return null;
        }

        ReportingPeriod period;
        if (Input.Kind == ReportPeriodKind.Quarter)
        {
            if (Input.Quarter is not (>= 1 and <= 4))
            {
                ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Quarter)}", "Choose the quarter: 1, 2, 3 or 4.");
                return null;
            }

            period = ReportingPeriod.Quarter(year, Input.Quarter.Value);
        }
        else
        {
            period = ReportingPeriod.Year(year);
        }

        if (period.End >= today)
        {
            var field = Input.Kind == ReportPeriodKind.Quarter && year == today.Year ? nameof(Input.Quarter) : nameof(Input.Year);
            ModelState.AddModelError($"{nameof(Input)}.{field}", $"{period.Label} has not ended yet (it ends on {period.End:yyyy-MM-dd}). Choose a period that has ended.");
            return null;
        }

        return period;
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Choose a quarter or a whole year.")]
        [Display(Name = "Report on")]
        public ReportPeriodKind? Kind { get; set; }

        [Required(ErrorMessage = "Enter the year.")]
        [Display(Name = "Year")]
        public int? Year { get; set; }

        [Display(Name = "Quarter")]
        public int? Quarter { get; set; }
    }
}
