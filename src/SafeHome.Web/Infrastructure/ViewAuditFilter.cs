using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;

namespace SafeHome.Web.Infrastructure;

/// Every page of a resident's record that is shown is a view of that record (SECURITY.md L3, issue 6): forms opened
/// for editing, lists of episodes, a plan's goals. Pages that record a more precise view themselves (the overview, a
/// plan, a note, an episode) are left alone; every other successful GET in the case folders is recorded here as a view
/// of the page path (ids only), filed under the resident found from the route.
public sealed class ViewAuditFilter : IAsyncPageFilter
{
    internal static readonly string[] CaseFolders = ["/Residents/", "/Plans/", "/Notes/", "/Missing/", "/Placement/", "/Exploitation/", "/Education/"];

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var executed = await next();
        var http = context.HttpContext;
        var page = context.ActionDescriptor.ViewEnginePath;
        if (!HttpMethods.IsGet(http.Request.Method) || executed.Result is not PageResult || http.User.Identity?.IsAuthenticated != true
            || !CaseFolders.Any(f => page.StartsWith(f, StringComparison.Ordinal)))
        {
            return;
        }

        var audit = http.RequestServices.GetRequiredService<AuditLog>();
        if (audit.ViewRecorded)
        {
            return;
        }

        var residentId = await ResidentOfAsync(http.RequestServices.GetRequiredService<SafeHomeDbContext>(), page, context.RouteData.Values);
        if (residentId is { } resident)
        {
            await audit.RecordForResidentAsync(AuditActions.View, "Page", http.Request.Path.Value ?? page, resident);
        }
        else
        {
            // Lists across residents (all residents, what is due, unsigned notes): who looked, and when.
            await audit.RecordAsync(AuditActions.View, "Page", http.Request.Path.Value ?? page);
        }
    }

    private static async Task<Guid?> ResidentOfAsync(SafeHomeDbContext db, string page, RouteValueDictionary route)
    {
        if (Guid.TryParse(route["residentId"]?.ToString(), out var residentId))
        {
            return residentId;
        }

        if (!Guid.TryParse(route["id"]?.ToString(), out var id))
        {
            return null;
        }

        return page.Split('/')[1] switch
        {
            "Residents" => id,
            "Plans" => await db.ServicePlans.Where(p => p.Id == id).Select(p => (Guid?)p.ResidentId).FirstOrDefaultAsync(),
            "Notes" => await db.ProgressNotes.Where(n => n.Id == id).Select(n => (Guid?)n.ResidentId).FirstOrDefaultAsync(),
            "Missing" => await db.MissingEpisodes.Where(e => e.Id == id).Select(e => (Guid?)e.ResidentId).FirstOrDefaultAsync(),
            _ => null,
        };
    }
}
