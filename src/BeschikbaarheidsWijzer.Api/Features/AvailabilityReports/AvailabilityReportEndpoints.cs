using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Infrastructure.Auth;
using BeschikbaarheidsWijzer.Api.Infrastructure.Http;
using BeschikbaarheidsWijzer.Api.Infrastructure.OpenApi;
using BeschikbaarheidsWijzer.Domain.Availability;
using BeschikbaarheidsWijzer.Domain.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BeschikbaarheidsWijzer.Api.Features.AvailabilityReports;

/// <summary>The provider's own API: its offerings, and its weekly figures for them (one or all at once).</summary>
public static class AvailabilityReportEndpoints
{
    public const int MaxBatchSize = 1000;

    private const string DryRunAndWarnings =
        "A report { \"unchanged\": true } (nothing else) confirms the offering's latest figures for this week (confirmedUnchanged; " +
        "figuresChangedAt keeps when they last changed); a second confirmation in the same week returns the report already there. " +
        "Every report answers its plausibility warnings (README: a warning never refuses a report). With ?dryRun=true the " +
        "request is validated and answered with its warnings, and nothing is stored.";

    public static IEndpointRouteBuilder MapAvailabilityReports(this IEndpointRouteBuilder app)
    {
        var provider = app.MapGroup("/api/v1/provider")
            .WithTags("Provider")
            .RequireAuthorization(AuthSetup.ProviderPolicy)
            .EvictsPublicCache()
            .RequireRateLimiting(AuthSetup.PerKeyRateLimit);

        provider.MapGet("/offerings", GetOwnOfferings).WithName("GetOwnOfferings")
            .WithSummary("Your offerings with their current report")
            .WithDescription("The offerings of the key's provider, each with the current report (latest week) or null, as the form at /aanbieders starts from.");
        provider.MapPut("/offerings/{id:guid}/availability", PutAvailability).WithName("PutAvailability").WithRequiredBody()
            .WithSummary("Report this week's figures for one offering")
            .WithDescription("Appends a report for the current ISO week; a later report in the same week becomes current. " +
                             "Send If-Match with the current report's ETag to refuse the update (412) when someone else reported in between. " +
                             DryRunAndWarnings)
            .WithMetadata(new RequestSizeLimitAttribute(64 * 1024));
        provider.MapPost("/availability-reports", PostAvailabilityBatch).WithName("PostAvailabilityBatch").WithRequiredBody()
            .WithSummary("Report this week's figures for many offerings at once (all or nothing)")
            .WithDescription($"1 to {MaxBatchSize} reports in one transaction: when one is invalid, none is stored. " +
                             "With an Idempotency-Key header a retry returns the first response without storing twice. " + DryRunAndWarnings)
            .WithMetadata(new RequestSizeLimitAttribute(2 * 1024 * 1024));
        return app;
    }

    public static async Task<Ok<List<OwnOfferingDto>>> GetOwnOfferings(HttpContext http, WijzerDbContext db, CancellationToken cancellationToken)
    {
        var caller = ApiCaller.From(http.User);
        var offerings = await db.Offerings.AsNoTracking()
            .Where(o => o.ProviderId == caller.ProviderId && o.DeletedAt == null)
            .OrderBy(o => o.Title).ThenBy(o => o.Id)
            .Select(o => new
            {
                o.Id,
                o.Title,
                o.CareTypeCode,
                CareTypeName = o.CareType!.Name,
                Current = o.CurrentReport,
            })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(offerings
            .Select(o => new OwnOfferingDto(o.Id, o.Title, o.CareTypeCode, o.CareTypeName, o.Current is null ? null : StoredReportDto.From(o.Current)))
            .ToList());
    }

    public static async Task<Results<Ok<StoredReportDto>, ValidationProblem, ProblemHttpResult>> PutAvailability(
        Guid id,
        AvailabilityReportRequest? report,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        [FromQuery] string? dryRun,
        HttpContext http,
        WijzerDbContext db,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var caller = ApiCaller.From(http.User);
        var errors = new ValidationErrors();
        var isDryRun = QueryValues.Boolean(dryRun, "dryRun", errors);
        if (report is null)
        {
            errors.Add("body", ErrorCodes.Required, "Send the report as a JSON object.");
        }
        else
        {
            AvailabilityReportRules.Validate(report.ToInput(), "", errors);
        }

        if (!errors.IsEmpty)
        {
            return ValidationProblems.Invalid(errors, "Invalid report");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var own = await AvailabilityReportWriter.LockOwnOfferingsAsync(db, caller.ProviderId!.Value, [id], cancellationToken);
        if (own.Count == 0)
        {
            return OfferingNotFound();
        }

        if (ifMatch is not null)
        {
            var current = await AvailabilityReportWriter.CurrentReportIdAsync(db, id, cancellationToken);
            var matches = ifMatch.Trim() == "*"
                ? current is not null
                : current is { } currentId && ifMatch.Split(',').Select(t => t.Trim()).Contains(ReportETag.For(currentId));
            if (!matches)
            {
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status412PreconditionFailed,
                    title: "The report has changed",
                    detail: "Another report for this offering was stored after the one your If-Match names. Fetch the current report and try again.");
            }
        }

        var (prepared, refused) = await AvailabilityReportWriter.PrepareAsync(
            db, [new ReportToWrite(id, report!.ToInput(), "")], clock.GetUtcNow(), caller.KeyId, cancellationToken);
        if (!refused.IsEmpty)
        {
            return ValidationProblems.Invalid(refused, "Invalid report");
        }

        var (stored, isNew) = prepared[0];
        if (isDryRun || !isNew)
        {
            await transaction.RollbackAsync(cancellationToken);
        }
        else
        {
            db.AvailabilityReports.Add(stored);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var written = !isDryRun || !isNew;
        if (written)
        {
            http.Response.Headers.ETag = ReportETag.For(stored.Id);
        }

        return TypedResults.Ok(StoredReportDto.From(stored, written));
    }

    public static async Task<Results<Ok<AvailabilityBatchResponse>, ContentHttpResult, ValidationProblem, ProblemHttpResult>> PostAvailabilityBatch(
        AvailabilityBatchRequest? batch,
        [FromHeader(Name = Idempotency.HeaderName)] string? idempotencyKey,
        [FromQuery] string? dryRun,
        HttpContext http,
        WijzerDbContext db,
        TimeProvider clock,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> jsonOptions,
        CancellationToken cancellationToken)
    {
        var caller = ApiCaller.From(http.User);

        // Binding turns an empty header into "no header"; an empty key is a mistake worth reporting.
        if (idempotencyKey is null && http.Request.Headers.ContainsKey(Idempotency.HeaderName))
        {
            idempotencyKey = http.Request.Headers[Idempotency.HeaderName].ToString();
        }

        var errors = ValidateBatch(batch, idempotencyKey);
        var isDryRun = QueryValues.Boolean(dryRun, "dryRun", errors);
        if (!errors.IsEmpty)
        {
            return ValidationProblems.Invalid(errors, "Invalid reports");
        }

        var items = batch!.Reports!.Select(r => r!).ToList();
        var now = clock.GetUtcNow();
        var json = jsonOptions.Value.SerializerOptions;
        // A dry run stores nothing, so it claims no key: the real send may use the key the check used.
        byte[]? requestHash = idempotencyKey is null || isDryRun ? null : Idempotency.HashOf(batch, json);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (requestHash is not null && !await Idempotency.TryClaimAsync(db, caller.KeyId, idempotencyKey!, requestHash!, now, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return await ReplayAsync(db, caller.KeyId, idempotencyKey!, requestHash, http, cancellationToken);
        }

        var offeringIds = items.Select(r => r.OfferingId!.Value).ToList();
        var own = await AvailabilityReportWriter.LockOwnOfferingsAsync(db, caller.ProviderId!.Value, offeringIds, cancellationToken);
        var unknown = new ValidationErrors();
        for (var i = 0; i < items.Count; i++)
        {
            if (!own.Contains(items[i].OfferingId!.Value))
            {
                unknown.Add($"reports[{i}].offeringId", FieldProblem.Unknown("offering", "No offering of yours has this id."));
            }
        }

        if (!unknown.IsEmpty)
        {
            // Another provider's offering is reported as not found: we do not say whether it exists.
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = "Offering not found",
                Detail = "Nothing was stored: the batch names offerings that are not yours or do not exist.",
                Extensions = { ["errors"] = unknown.ToDictionary(), [ValidationProblems.FieldErrors] = ValidationProblems.Extensions(unknown)[ValidationProblems.FieldErrors] },
            });
        }

        var (prepared, refused) = await AvailabilityReportWriter.PrepareAsync(
            db, items.Select((r, i) => new ReportToWrite(r.OfferingId!.Value, r.ToInput(), $"reports[{i}]")).ToList(), now, caller.KeyId, cancellationToken);
        if (!refused.IsEmpty)
        {
            return ValidationProblems.Invalid(refused, "Invalid reports");
        }

        if (isDryRun)
        {
            await transaction.RollbackAsync(cancellationToken);
            return TypedResults.Ok(BatchResponse(prepared, isDryRun));
        }

        db.AvailabilityReports.AddRange(prepared.Where(p => p.IsNew).Select(p => p.Report));
        await db.SaveChangesAsync(cancellationToken);

        // Made after the save: the new reports' ids exist only now.
        var response = BatchResponse(prepared, isDryRun);
        if (requestHash is not null)
        {
            await Idempotency.CompleteAsync(db, caller.KeyId, idempotencyKey!, StatusCodes.Status200OK, JsonSerializer.Serialize(response, json), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(response);
    }

    /// <summary>The answer to a batch; in a dry run the new reports have no id or ETag yet (a confirmation already stored has).</summary>
    private static AvailabilityBatchResponse BatchResponse(List<PreparedReport> prepared, bool isDryRun)
    {
        var reports = prepared.Select(p => StoredReportDto.From(p.Report, stored: !isDryRun || !p.IsNew)).ToList();
        return new AvailabilityBatchResponse(reports.Count, isDryRun, reports, reports.SelectMany(r => r.Warnings).ToList());
    }

    private static ValidationErrors ValidateBatch(AvailabilityBatchRequest? batch, string? idempotencyKey)
    {
        var errors = new ValidationErrors();
        if (idempotencyKey is not null && Idempotency.FindProblem(idempotencyKey) is { } keyProblem)
        {
            errors.Add(Idempotency.HeaderName, keyProblem);
        }

        if (batch is null)
        {
            errors.Add("body", ErrorCodes.Required, "Send a JSON object: { \"reports\": [ … ] }.");
            return errors;
        }

        if (batch.Reports is not { Count: > 0 and <= MaxBatchSize } reports)
        {
            errors.Add("reports", ErrorCodes.Count, $"Send 1 to {MaxBatchSize} reports.", ("min", 1), ("max", MaxBatchSize));
            return errors;
        }

        var seen = new Dictionary<Guid, int>();
        for (var i = 0; i < reports.Count; i++)
        {
            var prefix = $"reports[{i}]";
            if (reports[i] is not { } item)
            {
                errors.Add(prefix, ErrorCodes.JsonType, "Must be a report object.");
                continue;
            }

            if (item.OfferingId is not { } offeringId)
            {
                errors.Add($"{prefix}.offeringId", FieldProblem.Required());
            }
            else if (!seen.TryAdd(offeringId, i))
            {
                errors.Add($"{prefix}.offeringId", ErrorCodes.Duplicate, $"Already reported in reports[{seen[offeringId]}]: one report per offering per batch.", ("first", seen[offeringId]));
            }

            AvailabilityReportRules.Validate(item.ToInput(), prefix, errors);
        }

        return errors;
    }

    private static async Task<Results<Ok<AvailabilityBatchResponse>, ContentHttpResult, ValidationProblem, ProblemHttpResult>> ReplayAsync(
        WijzerDbContext db, string apiKeyId, string key, byte[] requestHash, HttpContext http, CancellationToken cancellationToken)
    {
        var record = await db.IdempotencyRecords.AsNoTracking().SingleAsync(r => r.ApiKeyId == apiKeyId && r.Key == key, cancellationToken);
        if (!record.RequestHash.AsSpan().SequenceEqual(requestHash))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Idempotency-Key reused",
                detail: "This Idempotency-Key was used before with a different request. Use a new key for a new request.");
        }

        http.Response.Headers["Idempotent-Replayed"] = "true";
        return TypedResults.Content(record.ResponseBody, "application/json", statusCode: record.StatusCode);
    }

    private static ProblemHttpResult OfferingNotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Offering not found", detail: "You have no offering with this id.");
}
