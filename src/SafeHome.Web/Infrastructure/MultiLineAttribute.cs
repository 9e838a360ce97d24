using System.ComponentModel.DataAnnotations;
using SafeHome.Domain.Common;

namespace SafeHome.Web.Infrastructure;

/// For free-text areas: line breaks and tabs are fine; other control, bidi-override and zero-width characters are not.
[AttributeUsage(AttributeTargets.Property)]
public sealed class MultiLineAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        var found = Text.FindForbiddenMultiLineCharacter(value as string);
        return found is null
            ? ValidationResult.Success
            : new ValidationResult(
                $"{validationContext.DisplayName} contains an invisible or control character ({found}) that is not allowed. Retype the text without it.",
                validationContext.MemberName is null ? null : [validationContext.MemberName]);
    }
}
