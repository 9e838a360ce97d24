using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using SafeHome.Domain.Common;

namespace SafeHome.Web.Infrastructure;

public static class ModelStateExtensions
{
    /// Puts each Identity error next to the field it is about, so the person sees it where they typed.
    public static void AddIdentityErrors(this ModelStateDictionary modelState, IdentityResult result, string prefix = "Input")
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(result);
        foreach (var error in result.Errors)
        {
            var field = error.Code switch
            {
                "DuplicateEmail" or "InvalidEmail" or "DuplicateUserName" or "InvalidUserName" => "Email",
                "DisplayName" => "DisplayName",
                "Role" => "Role",
                var code when code.StartsWith("Password", StringComparison.Ordinal) => "Password",
                _ => null,
            };
            var description = error.Code is "DuplicateUserName" or "DuplicateEmail" ? "An account with this email already exists." : error.Description;
            modelState.AddModelError(field is null ? string.Empty : $"{prefix}.{field}", description);
        }
    }

    public static void AddRuleError(this ModelStateDictionary modelState, DomainRuleException exception, string prefix = "Input")
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(exception);
        // An empty field means the rule is about the whole form: the summary, not a field.
        modelState.AddModelError(exception.Field.Length == 0 ? string.Empty : $"{prefix}.{exception.Field}", exception.Message);
    }
}
