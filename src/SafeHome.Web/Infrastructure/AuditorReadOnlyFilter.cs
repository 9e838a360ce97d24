using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Staff;

namespace SafeHome.Web.Infrastructure;

/// Auditors change nothing (SECURITY.md Z3): every non-GET request from an auditor is refused with 403 before
/// antiforgery, binding or the handler run, and the refusal is recorded. Signing out is the one exception.
public sealed class AuditorReadOnlyFilter : IAsyncAuthorizationFilter, IOrderedFilter
{
    public int Order => -1000;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || !context.HttpContext.User.IsInRole(Roles.Auditor))
        {
            return;
        }

        if (context.ActionDescriptor.EndpointMetadata.OfType<AllowAuditorPostAttribute>().Any())
        {
            return;
        }

        var audit = context.HttpContext.RequestServices.GetRequiredService<AuditLog>();
        await audit.RecordAsync(AuditActions.AccessDenied, "Page", request.Path.Value ?? string.Empty);
        context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
    }
}

/// Marks the few pages whose POST handlers change no case data (signing out, searching a list).
[AttributeUsage(AttributeTargets.Class)]
public sealed class AllowAuditorPostAttribute : Attribute;
