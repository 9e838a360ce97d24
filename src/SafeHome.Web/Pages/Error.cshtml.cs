using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages;

// The exception handler and status-code pages re-execute the failed request here with its original method, so a
// refused POST arrives as a POST; the page changes nothing, which is why antiforgery is not checked on it and why
// an auditor's refused POST may still be shown this page.
[IgnoreAntiforgeryToken]
[AllowAuditorPost]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }

    public string CorrelationId { get; private set; } = string.Empty;

    // The code comes from the query only: a refused form (one holding a NUL, say) cannot be read at all.
    public void OnGet([FromQuery] int? code) => Describe(code);

    public void OnPost([FromQuery] int? code) => Describe(code);

    private void Describe(int? code)
    {
        // A re-executed request keeps the status it failed with; a direct visit has none and reads as a failure.
        var status = code ?? HttpContext.Response.StatusCode;
        Code = status is >= 400 and < 600 ? status : StatusCodes.Status500InternalServerError;
        CorrelationId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
    }

    public (string Title, string Message) Text => Code switch
    {
        StatusCodes.Status400BadRequest => ("Request not accepted", "The form could not be accepted. It may have expired; go back, reload the page and try again."),
        StatusCodes.Status403Forbidden => ("Not available to your role", "Your role does not allow this. If you need it for your work, ask a program director or an administrator."),
        StatusCodes.Status404NotFound => ("Not found", "There is nothing here, or it is not on your caseload."),
        _ => ("Something went wrong", "SafeHome could not finish this request. Nothing you entered was shared. Try again, and if it keeps happening give the reference below to your administrator."),
    };
}
