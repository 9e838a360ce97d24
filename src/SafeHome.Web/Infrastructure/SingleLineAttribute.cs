using System.ComponentModel.DataAnnotations;
using SafeHome.Domain.Common;

namespace SafeHome.Web.Infrastructure;

/// Refuses control, bidi-override and zero-width characters (SECURITY.md I1, §4.2) in a one-line field.
[AttributeUsage(AttributeTargets.Property)]
public sealed class SingleLineAttribute() : TextCharactersAttribute(Text.FindForbiddenSingleLineCharacter);

/// For free-text areas: line breaks and tabs are fine; other control, bidi-override and zero-width characters are not.
[AttributeUsage(AttributeTargets.Property)]
public sealed class MultiLineAttribute() : TextCharactersAttribute(Text.FindForbiddenMultiLineCharacter);

public abstract class TextCharactersAttribute(Func<string?, string?> findForbidden) : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        var found = findForbidden(value as string);
        return found is null
            ? ValidationResult.Success
            : new ValidationResult(
                $"{validationContext.DisplayName} contains an invisible or control character ({found}) that is not allowed. Retype the text without it.",
                validationContext.MemberName is null ? null : [validationContext.MemberName]);
    }
}
