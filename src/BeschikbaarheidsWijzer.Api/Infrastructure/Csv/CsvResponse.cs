using BeschikbaarheidsWijzer.Api.Infrastructure.OpenApi;
using BeschikbaarheidsWijzer.Domain.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

namespace BeschikbaarheidsWijzer.Api.Infrastructure.Csv;

/// <summary>
/// How a report is asked for as CSV: <c>?format=csv</c>, or <c>Accept: text/csv</c> without a <c>format</c> parameter.
/// <c>format=json</c> (or neither) gives JSON. The query parameter wins, so a link in a browser or spreadsheet works.
/// </summary>
public static class CsvResponse
{
    public const string FormatParameter = "format";

    /// <summary>True for CSV, false for JSON, null (with an error) for an unknown format.</summary>
    public static bool? WantsCsv(string? format, HttpRequest request, ValidationErrors errors)
    {
        switch (format?.Trim().ToLowerInvariant())
        {
            case "csv":
                return true;
            case "json":
                return false;
            case null:
                return request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase) && a.Quality is not 0);
            default:
                errors.Add(FormatParameter, FieldProblem.OneOf(["json", "csv"], "Use json or csv (or send Accept: text/csv)."));
                return null;
        }
    }

    /// <summary>A CSV download written row by row to the response, named <paramref name="fileName"/>.</summary>
    public static PushStreamHttpResult File(string fileName, Func<CsvWriter, CancellationToken, Task> write, HttpContext http, EntityTagHeaderValue? entityTag = null)
    {
        http.Response.Headers.Vary = HeaderNames.Accept;
        return TypedResults.Stream(
            async stream =>
            {
                // Flushed only at the end or once its 16 KiB buffer fills: when the writing fails before that (the database
                // away), nothing has reached the client, and the failure gets its own answer (a 503) instead of a 200 with
                // a byte order mark and nothing after it. So no `await using`: it would flush on the way out.
                var csv = new CsvWriter(stream);
                await write(csv, http.RequestAborted);
                await csv.DisposeAsync();
            },
            CsvWriter.ContentType,
            fileName,
            entityTag: entityTag);
    }

    /// <summary>Documents the CSV form of a 200 next to its JSON form.</summary>
    public static RouteHandlerBuilder ProducesCsv(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
            {
                response.Content ??= new Dictionary<string, OpenApiMediaType>();
                response.Content["text/csv"] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    Example = OpenApiExamples.ForResponse(operation.OperationId, "200", "text/csv"),
                };
            }

            return Task.CompletedTask;
        });
}
