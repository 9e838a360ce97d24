using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Common;
using SafeHome.Domain.Plans;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Plans;

/// Signatures on a version waiting for them: the youth (or their refusal, recorded with the reason they gave and
/// never forced), the counselor, and a parent, guardian or placing caseworker recorded by name.
public sealed class SignModel(SafeHomeDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public ServicePlan Plan { get; private set; } = null!;

    public string PreferredName { get; private set; } = string.Empty;

    /// The signed-in counselor's name, which a counselor signature carries unless another name is typed.
    public string MyName { get; private set; } = string.Empty;

    public IReadOnlyList<ConflictField> Conflicts { get; private set; } = [];

    public IEnumerable<PlanSignature> Signatures => Plan.Signatures.OrderBy(s => s.SignedAtUtc);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var signed = Plan.CurrentSignatures.Select(s => s.Role).ToHashSet();
        Input.Role = Enum.GetValues<SignerRole>().FirstOrDefault(r => !signed.Contains(r));
        Input.SignerName = Input.Role == SignerRole.Counselor ? MyName : null;
        Input.Version = Plan.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (Plan.Status != PlanStatus.PendingSignatures)
        {
            ModelState.Clear();
            ModelState.AddModelError(string.Empty, "Nothing was recorded: signatures are collected only while the plan is waiting for signatures.");
            return Page();
        }

        if (Input.Role == SignerRole.Counselor && string.IsNullOrWhiteSpace(Input.SignerName))
        {
            Input.SignerName = MyName;
            ModelState.Remove("Input.SignerName");
        }

        if (Input.Declined && Input.Role == SignerRole.Youth && string.IsNullOrWhiteSpace(Input.DeclineReason))
        {
            ModelState.AddModelError("Input.DeclineReason", "Record the reason the youth gave for not signing.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Each signature is added beside the others: one recorded meanwhile by someone else collides with nothing,
        // and the same signer twice is refused by the plan's own rule.
        var outcome = await db.SaveAsync(
            ModelState,
            Plan,
            Input,
            plan =>
            {
                // A counselor signature is the signed-in counselor's own; external signers have no account.
                var userId = Input.Role == SignerRole.Counselor ? User.UserId() : null;
                plan.Sign(Input.Role, Input.SignerName ?? string.Empty, userId, Input.Method, Input.Declined, Input.DeclineReason, clock.UtcNow());
                return Task.CompletedTask;
            },
            async () => await LoadAsync(id) ? Plan : null,
            _ => Input,
            additive: true,
            refused: ex => ModelState.AddRuleErrorFor<InputModel>(ex));
        if (!outcome.Saved)
        {
            Conflicts = outcome.Conflicts;
            return Page();
        }

        TempData["Status"] = Input.Declined ? "The youth's refusal to sign is recorded." : "The signature is recorded.";
        return RedirectToPage("Sign", new { id });
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var plan = await db.FindVisiblePlanAsync(User, id);
        if (plan is null)
        {
            return false;
        }

        Plan = plan;
        (PreferredName, _) = await PlanFlow.YouthAsync(db, plan, clock.Today());
        var me = User.UserId();
        MyName = await db.Users.Where(u => u.Id == me).Select(u => u.DisplayName).FirstOrDefaultAsync() ?? string.Empty;
        return true;
    }

    public sealed class InputModel : IVersionedInput
    {
        [EnumDataType(typeof(SignerRole), ErrorMessage = "Choose one of the listed signers.")]
        [Display(Name = "Who is signing")]
        public SignerRole Role { get; set; }

        [Required(ErrorMessage = "Enter the signer's name.")]
        [StringLength(PlanSignature.MaxLength.Name, ErrorMessage = "{0} can be at most {1} characters.")]
        [SingleLine]
        [Display(Name = "Signer's name")]
        public string? SignerName { get; set; }

        [EnumDataType(typeof(SignatureMethod), ErrorMessage = "Choose one of the listed ways of signing.")]
        [Display(Name = "How it was signed")]
        public SignatureMethod Method { get; set; }

        [Display(Name = "The youth declined to sign")]
        public bool Declined { get; set; }

        [StringLength(PlanSignature.MaxLength.Reason, ErrorMessage = "{0} can be at most {1} characters.")]
        [MultiLine]
        [Display(Name = "The reason the youth gave")]
        public string? DeclineReason { get; set; }

        public long Version { get; set; }
    }
}
