using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;

namespace SafeHome.Web.Infrastructure;

/// Records every 404 a signed-in user gets from a page (SECURITY.md L3): the caseload rule answers another counselor's
/// resident with 404, so a run of them is how someone probing for a youth's record shows up in the history. The path
/// holds ids only.
public sealed class NotFoundAuditFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var executed = await next();
        if (executed.Result is NotFoundResult && context.HttpContext.User.Identity?.IsAuthenticated == true)
        {
            var audit = context.HttpContext.RequestServices.GetRequiredService<AuditLog>();
            await audit.RecordAsync(AuditActions.NotFound, "Page", context.HttpContext.Request.Path.Value ?? string.Empty);
        }
    }
}
