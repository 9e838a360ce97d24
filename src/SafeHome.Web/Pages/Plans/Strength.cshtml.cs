using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using SafeHome.Data;
using SafeHome.Domain.Plans;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Plans;

// Adds, edits or removes one strength of a draft plan version. Removing is allowed because a draft is still being
// written; the audit trail keeps what it said, and approved versions keep their strengths for good.
public sealed class StrengthModel(SafeHomeDbContext db) : PlanItemPage<PlanStrength, StrengthModel.InputModel>(db)
{
    public PlanStrength? Strength => Item;

    public Task<IActionResult> OnGetAsync(Guid id, Guid? strengthId) => ShowAsync(id, strengthId);

    public Task<IActionResult> OnPostAsync(Guid id, Guid? strengthId) => SaveInputAsync(
        id,
        strengthId,
        null,
        plan => plan.AddStrength(Input.Source, Input.Text ?? string.Empty),
        (plan, strength) => plan.UpdateStrength(strength.Id, Input.Source, Input.Text ?? string.Empty),
        ("The strength is added.", "The strength is saved."));

    public Task<IActionResult> OnPostRemoveAsync(Guid id, Guid? strengthId) =>
        ActAsync(id, strengthId, null, null, (plan, strength) => plan.RemoveStrength(strength.Id), "The strength is removed.");

    protected override PlanStrength? FindItem(ServicePlan plan, Guid itemId) => plan.Strengths.FirstOrDefault(s => s.Id == itemId);

    protected override InputModel AsTyped(PlanStrength item) => InputModel.From(item);

    protected override string Anchor(PlanStrength item) => "strengths";

    public sealed class InputModel : IVersionedInput
    {
        [EnumDataType(typeof(StrengthSource))]
        [Display(Name = "Who named it")]
        public StrengthSource Source { get; set; }

        [Required(ErrorMessage = "Describe the strength.")]
        [StringLength(PlanStrength.TextMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [SingleLine]
        [Display(Name = "Strength")]
        public string? Text { get; set; }

        public long Version { get; set; }

        public static InputModel From(PlanStrength strength)
        {
            ArgumentNullException.ThrowIfNull(strength);
            return new InputModel { Source = strength.Source, Text = strength.Text };
        }
    }
}
