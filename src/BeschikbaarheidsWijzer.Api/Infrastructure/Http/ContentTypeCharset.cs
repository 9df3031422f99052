using Microsoft.Net.Http.Headers;

namespace BeschikbaarheidsWijzer.Api.Infrastructure.Http;

/// <summary>
/// <c>Content-Type: application/json; charset="utf-8"</c> is valid (RFC 9110 allows a quoted parameter value), but the
/// framework's JSON reader looks up the charset with its quotes and refuses it. The quotes are taken off before anything
/// reads the body; an unknown charset is still refused (415).
/// </summary>
public static class ContentTypeCharset
{
    public static IApplicationBuilder UseUnquotedCharset(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Request.ContentType is { } contentType && contentType.Contains('"', StringComparison.Ordinal)
                && MediaTypeHeaderValue.TryParse(contentType, out var mediaType) && mediaType.Charset.HasValue)
            {
                var charset = HeaderUtilities.RemoveQuotes(mediaType.Charset);
                if (charset.Length != mediaType.Charset.Length)
                {
                    mediaType.Charset = charset;
                    context.Request.ContentType = mediaType.ToString();
                }
            }

            return next(context);
        });
}
