using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace SafeHome.Web.Infrastructure;

/// Reads url-encoded form posts strictly (issue 15). ASP.NET Core's own reader leaves a percent-escape whose bytes
/// are not UTF-8 (the encoded lone surrogate %ED%A0%BD, a stray %FF) in the text as the literal characters
/// "%ED%A0%BD", which then pass validation and get stored; and a NUL deserves its own message rather than a refused
/// request. Here each value is decoded to bytes first and then as UTF-8; a value that is not valid UTF-8 (or holds a
/// NUL) keeps its readable part, with U+FFFD for the rest, and its field name is noted so that binding puts a message
/// next to the field (<see cref="FormBindingProvider"/>). Nothing else changes: the rebuilt form holds the same
/// fields, and a post over the usual form limits is left to the framework's reader, which refuses it.
public sealed class FormDecodingMiddleware(RequestDelegate next, IOptions<FormOptions> formOptions)
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly UTF8Encoding Lenient = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            || request.ContentType is null
            || !request.ContentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        request.EnableBuffering();
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        request.Body.Position = 0;
        var parsed = Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), formOptions.Value);
        if (parsed is not null)
        {
            context.Features.Set<IFormFeature>(new FormFeature(new FormCollection(parsed.Value.Fields)));
            if (parsed.Value.Problems.Count > 0)
            {
                context.Features.Set(new FormEncodingProblems(parsed.Value.Problems));
            }
        }

        await next(context);
    }

    private static (Dictionary<string, StringValues> Fields, Dictionary<string, FormEncodingProblem> Problems)? Parse(ReadOnlySpan<byte> body, FormOptions limits)
    {
        var collected = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        var problems = new Dictionary<string, FormEncodingProblem>(StringComparer.OrdinalIgnoreCase);
        var count = 0;
        foreach (var range in body.Split((byte)'&'))
        {
            var pair = body[range];
            if (pair.IsEmpty)
            {
                continue;
            }

            if (++count > limits.ValueCountLimit)
            {
                return null;
            }

            var equals = pair.IndexOf((byte)'=');
            var (key, keyProblem) = Decode(equals < 0 ? pair : pair[..equals]);
            var (value, valueProblem) = Decode(equals < 0 ? [] : pair[(equals + 1)..]);
            if (key.Length > limits.KeyLengthLimit || value.Length > limits.ValueLengthLimit || keyProblem is not null)
            {
                // Over the limits, or a field name that is not text (it binds to nothing): the framework's reader decides.
                return null;
            }

            if (valueProblem is { } problem && !problems.ContainsKey(key))
            {
                problems[key] = problem;
            }

            if (!collected.TryGetValue(key, out var values))
            {
                collected[key] = values = [];
            }

            values.Add(value);
        }

        return (collected.ToDictionary(p => p.Key, p => new StringValues([.. p.Value]), StringComparer.OrdinalIgnoreCase), problems);
    }

    private static (string Text, FormEncodingProblem? Problem) Decode(ReadOnlySpan<byte> escaped)
    {
        var bytes = new byte[escaped.Length];
        var length = 0;
        for (var i = 0; i < escaped.Length; i++)
        {
            var b = escaped[i];
            if (b == (byte)'+')
            {
                bytes[length++] = (byte)' ';
            }
            else if (b == (byte)'%' && i + 2 < escaped.Length && IsHex(escaped[i + 1]) && IsHex(escaped[i + 2]))
            {
                bytes[length++] = (byte)((HexValue(escaped[i + 1]) << 4) | HexValue(escaped[i + 2]));
                i += 2;
            }
            else
            {
                // A '%' not followed by two hex digits stays as it is, as the framework's reader leaves it.
                bytes[length++] = b;
            }
        }

        var span = bytes.AsSpan(0, length);
        try
        {
            var text = Strict.GetString(span);
            return text.Contains('\0', StringComparison.Ordinal)
                ? (text.Replace('\0', '\uFFFD'), FormEncodingProblem.Nul)
                : (text, null);
        }
        catch (DecoderFallbackException)
        {
            return (Lenient.GetString(span).Replace('\0', '\uFFFD'), FormEncodingProblem.InvalidUtf8);
        }
    }

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}

public enum FormEncodingProblem
{
    Nul,
    InvalidUtf8,
}

/// The posted fields whose values were not clean text, by field name (see <see cref="FormDecodingMiddleware"/>).
public sealed class FormEncodingProblems(IReadOnlyDictionary<string, FormEncodingProblem> fields)
{
    public IReadOnlyDictionary<string, FormEncodingProblem> Fields { get; } = fields;

    public static string Message(FormEncodingProblem problem) => problem switch
    {
        FormEncodingProblem.Nul => "This field contained a NUL character (an invisible control code, usually from pasting), which cannot be stored. Retype the text without it.",
        _ => "This field contained bytes that are not valid text (invalid UTF-8), shown as \uFFFD. Retype those characters and save again.",
    };
}
