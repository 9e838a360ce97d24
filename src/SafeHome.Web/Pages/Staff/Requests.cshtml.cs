using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Staff;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Staff;

/// Account changes an administrator asked for that would let an account read case content. A program director other
/// than the requester (and other than the account) confirms or declines each; auditors see the same list, read-only.
public sealed class RequestsModel(SafeHomeDbContext db, AccountChanges changes, TimeProvider clock) : PageModel
{
    private const int DecidedShown = 50;

    public IReadOnlyList<RequestRow> Open { get; private set; } = [];

    public IReadOnlyList<RequestRow> Decided { get; private set; } = [];

    public bool CanDecide => User.IsInRole(Roles.ProgramDirector);

    public async Task OnGetAsync() => await LoadAsync();

    [RequiresRecentSignIn]
    public async Task<IActionResult> OnPostConfirmAsync(Guid id) =>
        await DecideAsync(await changes.ConfirmAsync(id, User.UserId()!), "Confirmed. The change is made; the account signs in again to use it.");

    [RequiresRecentSignIn]
    public async Task<IActionResult> OnPostDeclineAsync(Guid id) =>
        await DecideAsync(await changes.DeclineAsync(id, User.UserId()!), "Declined. Nothing the request asked for was done.");

    private async Task<IActionResult> DecideAsync(AccountChanges.Decision decision, string done)
    {
        switch (decision.Status)
        {
            case AccountChanges.DecisionStatus.NotFound:
                return NotFound();
            case AccountChanges.DecisionStatus.Forbidden:
                // Nobody confirms their own request or a change to their own account (SECURITY.md Z7).
                return Forbid();
            case AccountChanges.DecisionStatus.Refused:
                ModelState.AddModelError(string.Empty, decision.Message!);
                await LoadAsync();
                return Page();
            default:
                TempData["Status"] = done;
                return RedirectToPage();
        }
    }

    private async Task LoadAsync()
    {
        var rows = await (
            from request in db.AccountChangeRequests.AsNoTracking()
            join account in db.Users on request.AccountId equals account.Id
            join requester in db.Users on request.RequestedById equals requester.Id into requesters
            from requester in requesters.DefaultIfEmpty()
            join decider in db.Users on request.DecidedById equals decider.Id into deciders
            from decider in deciders.DefaultIfEmpty()
            orderby request.RequestedAtUtc descending
            select new RequestRow(
                request.Id,
                request.Kind,
                request.Role,
                request.Status,
                account.Id,
                account.DisplayName,
                account.Email!,
                account.PasswordHash != null,
                request.PasswordSetAtUtc,
                request.RequestedById,
                requester == null ? "(removed account)" : requester.DisplayName,
                request.RequestedAtUtc,
                decider == null ? null : decider.DisplayName,
                request.DecidedAtUtc))
            .ToListAsync();
        Open = [.. rows.Where(r => r.Status == AccountChangeStatus.Open)];
        Decided = [.. rows.Where(r => r.Status != AccountChangeStatus.Open).Take(DecidedShown)];
    }

    public string Local(DateTime utc) => clock.ToLocal(utc).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public bool MayDecide(RequestRow row) =>
        CanDecide && row.RequestedById != User.UserId() && row.AccountId != User.UserId();

    public sealed record RequestRow(
        Guid Id,
        AccountChangeKind Kind,
        string Role,
        AccountChangeStatus Status,
        string AccountId,
        string AccountName,
        string AccountEmail,
        bool AccountHasPassword,
        DateTime? PasswordSetAtUtc,
        string RequestedById,
        string RequestedBy,
        DateTime RequestedAtUtc,
        string? DecidedBy,
        DateTime? DecidedAtUtc);
}
