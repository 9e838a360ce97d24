using System.ComponentModel.DataAnnotations;
using SafeHome.Domain.Staff;

namespace SafeHome.Web.Infrastructure;

[AttributeUsage(AttributeTargets.Property)]
public sealed class RoleNameAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        return value is null || Roles.All.Contains(value as string)
            ? ValidationResult.Success
            : new ValidationResult("Choose one of the listed roles.", validationContext.MemberName is null ? null : [validationContext.MemberName]);
    }
}
