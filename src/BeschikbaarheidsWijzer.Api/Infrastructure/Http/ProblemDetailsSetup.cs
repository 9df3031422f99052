using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using BeschikbaarheidsWijzer.Domain.Validation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace BeschikbaarheidsWijzer.Api.Infrastructure.Http;

public static class ProblemDetailsSetup
{
    /// <summary>Every error is <c>application/problem+json</c> (RFC 9457) with a trace id to find it in the logs.</summary>
    public static IServiceCollection AddWijzerProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // The W3C trace id: the same string the JSON logs and the traces carry, so one error is found in both.
            context.ProblemDetails.Extensions["traceId"] = Activity.Current?.TraceId.ToHexString() ?? context.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<DatabaseUnavailableExceptionHandler>();

        // Without this, minimal APIs answer a binding failure outside Development with a bare 400 that names nothing.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>Sets the status and writes a problem with it, for an exception handler.</summary>
    internal static ValueTask<bool> TryWriteProblemAsync(
        this IProblemDetailsService problemDetails, HttpContext httpContext, Exception exception, int status, string title, string detail)
    {
        httpContext.Response.StatusCode = status;

        // An error has no CSV form: a client that accepts only text/csv (a spreadsheet's link) still gets the problem, not a
        // bare status. RFC 9110 lets a server answer outside Accept; the problem writer would otherwise decline.
        httpContext.Request.Headers.Accept = "application/problem+json";
        return problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}

/// <summary>
/// Turns requests the framework could not bind (malformed JSON, a value of the wrong type, an unknown field, a body too
/// large, a charset nobody knows) into a 4xx problem that names the field, instead of a bare status code.
/// </summary>
internal sealed partial class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (IsUnknownCharset(exception))
        {
            return await problemDetails.TryWriteProblemAsync(httpContext, exception, StatusCodes.Status415UnsupportedMediaType,
                "Unsupported media type", "Content-Type: send 'application/json' (UTF-8); the charset given is not known.");
        }

        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        httpContext.Response.StatusCode = badRequest.StatusCode;
        var problem = badRequest.InnerException is JsonException json
            ? JsonProblem(json)
            : IsMissingBody(badRequest)
                ? BodyProblem("body", FieldProblem.Required("Send a JSON object as the request body."))
                : new ProblemDetails
                {
                    Status = badRequest.StatusCode,
                    Title = badRequest.StatusCode switch
                    {
                        StatusCodes.Status413PayloadTooLarge => "Request body too large",
                        StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
                        _ => "Invalid request",
                    },
                    Detail = badRequest.Message,
                };
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>The JSON body reader's answer to e.g. <c>Content-Type: application/json; charset=nonsense</c>.</summary>
    private static bool IsUnknownCharset(Exception exception) =>
        exception is InvalidOperationException { InnerException: ArgumentException }
        && exception.Message.StartsWith("Unable to read the request as JSON because the request content type charset", StringComparison.Ordinal);

    /// <summary>The framework's own wording for an empty body names .NET parameter types; users need "body".</summary>
    private static bool IsMissingBody(BadHttpRequestException exception) =>
        exception.StatusCode == StatusCodes.Status400BadRequest
        && (exception.Message.Contains("no body was provided", StringComparison.OrdinalIgnoreCase)
            || exception.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal)
            || exception.Message.Contains("Required parameter", StringComparison.Ordinal) && exception.Message.Contains("body", StringComparison.OrdinalIgnoreCase));

    private static ProblemDetails JsonProblem(JsonException json)
    {
        // "$.reports[3].waitToIntakeWeeks" → "reports[3].waitToIntakeWeeks"; the root itself is "body".
        var field = json.Path is null or "$" ? "body" : json.Path.StartsWith("$.", StringComparison.Ordinal) ? json.Path[2..] : json.Path.TrimStart('$');
        FieldProblem problem;
        if (UnmappedProperty().Match(json.Message) is { Success: true } unmapped)
        {
            field = ValidationPath(field, unmapped.Groups[1].Value);
            problem = new FieldProblem(ErrorCodes.UnknownField, "Unknown field.");
        }
        else if (DuplicateProperty().Match(json.Message) is { Success: true } duplicate)
        {
            field = ValidationPath(field, duplicate.Groups[1].Value);
            problem = new FieldProblem(ErrorCodes.DuplicateField, "This field is given more than once; give it once.");
        }
        else if (json.Message.Contains("could not be converted", StringComparison.Ordinal))
        {
            problem = new FieldProblem(ErrorCodes.JsonType, "Wrong type, or a number out of range, for this field.");
        }
        else
        {
            problem = new FieldProblem(ErrorCodes.JsonSyntax, "Malformed JSON: " + TypeNames().Replace(json.Message.Split(" Path:")[0], ""));
        }

        return BodyProblem(field, problem);
    }

    /// <summary>A 400 about one field of the body, shaped as every other refused field is (errors and fieldErrors).</summary>
    private static ValidationProblemDetails BodyProblem(string field, FieldProblem problem)
    {
        var errors = new ValidationErrors();
        errors.Add(field, problem);
        var details = new ValidationProblemDetails(errors.ToDictionary())
        {
            Status = StatusCodes.Status400BadRequest,
            Title = problem.Code == ErrorCodes.Required ? "Request body required" : "Invalid request body",
            Detail = $"{field}: {problem.Message}",
        };
        foreach (var (name, value) in ValidationProblems.Extensions(errors))
        {
            details.Extensions[name] = value;
        }

        return details;
    }

    /// <summary>For an unknown field the path stops at its parent object; add the field's own name.</summary>
    private static string ValidationPath(string parent, string property) =>
        parent == "body" ? property : parent.EndsWith("." + property, StringComparison.Ordinal) || parent == property ? parent : $"{parent}.{property}";

    [GeneratedRegex(@"The JSON property '([^']*)' could not be mapped")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex(@"Duplicate property '([^']*)'")]
    private static partial Regex DuplicateProperty();

    [GeneratedRegex(@"\s*System\.[\w`\[\]\.,]+")]
    private static partial Regex TypeNames();
}
