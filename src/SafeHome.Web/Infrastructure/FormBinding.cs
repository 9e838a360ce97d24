using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;

namespace SafeHome.Web.Infrastructure;

/// Two binding rules for every form: text is normalised to NFC before validation, so a length limit holds for the
/// text as stored (some characters double in length when composed); and dates are read only as yyyy-MM-dd, what a
/// date input sends, because "03/04/2011" means different days in different cultures and must not be guessed. Times
/// are read only as a datetime-local input sends them (yyyy-MM-ddTHH:mm), as the home's wall-clock time, and bound
/// as UTC; a time the clocks skipped is refused rather than moved.
public sealed class FormBindingProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var type = context.Metadata.ModelType;
        if (type == typeof(string))
        {
            var loggers = context.Services.GetRequiredService<ILoggerFactory>();
            return new NfcStringBinder(new SimpleTypeModelBinder(typeof(string), loggers));
        }

        if (type == typeof(DateTime) || type == typeof(DateTime?))
        {
            return new LocalDateTimeBinder(context.Services.GetRequiredService<TimeProvider>());
        }

        return type == typeof(DateOnly) || type == typeof(DateOnly?) ? new IsoDateBinder() : null;
    }

    private sealed class NfcStringBinder(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext bindingContext)
        {
            await inner.BindModelAsync(bindingContext);
            if (bindingContext.HttpContext.Features.Get<FormEncodingProblems>() is { } problems
                && problems.Fields.TryGetValue(bindingContext.ModelName, out var problem))
            {
                // Bytes that were not text (FormDecodingMiddleware): said next to the field, so nothing garbled is saved.
                bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, FormEncodingProblems.Message(problem));
                return;
            }

            if (bindingContext.Result is { IsModelSet: true, Model: string text })
            {
                try
                {
                    bindingContext.Result = ModelBindingResult.Success(text.Normalize(NormalizationForm.FormC));
                }
                catch (ArgumentException)
                {
                    // Text that cannot be normalised (an unpaired surrogate) is left for the validators to refuse.
                }
            }
        }
    }

    private sealed class IsoDateBinder : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext bindingContext)
        {
            var value = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
            if (value == ValueProviderResult.None)
            {
                return Task.CompletedTask;
            }

            bindingContext.ModelState.SetModelValue(bindingContext.ModelName, value);
            var text = value.FirstValue?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                if (bindingContext.ModelType == typeof(DateOnly?))
                {
                    bindingContext.Result = ModelBindingResult.Success(null);
                }

                return Task.CompletedTask;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                bindingContext.Result = ModelBindingResult.Success(date);
            }
            else
            {
                bindingContext.ModelState.TryAddModelError(
                    bindingContext.ModelName,
                    $"Enter a real date as year-month-day, for example {new DateOnly(2026, 6, 15):yyyy-MM-dd}.");
            }

            return Task.CompletedTask;
        }
    }

    private sealed class LocalDateTimeBinder(TimeProvider clock) : IModelBinder
    {
        private static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"];

        public Task BindModelAsync(ModelBindingContext bindingContext)
        {
            var value = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
            if (value == ValueProviderResult.None)
            {
                return Task.CompletedTask;
            }

            bindingContext.ModelState.SetModelValue(bindingContext.ModelName, value);
            var text = value.FirstValue?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                if (bindingContext.ModelType == typeof(DateTime?))
                {
                    bindingContext.Result = ModelBindingResult.Success(null);
                }

                return Task.CompletedTask;
            }

            if (!DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                bindingContext.ModelState.TryAddModelError(
                    bindingContext.ModelName,
                    $"Enter a real date and time as year-month-day and 24-hour time, for example {new DateTime(2026, 6, 15, 14, 30, 0, DateTimeKind.Unspecified):yyyy-MM-dd HH:mm}.");
                return Task.CompletedTask;
            }

            var zone = clock.LocalTimeZone;
            if (zone.IsInvalidTime(local))
            {
                bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, "That time did not happen on that day: the clocks moved forward. Enter a time before or after the change.");
                return Task.CompletedTask;
            }

            bindingContext.Result = ModelBindingResult.Success(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone));
            return Task.CompletedTask;
        }
    }
}
