using System.Security.Claims;
using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Infrastructure.Auth;
using BeschikbaarheidsWijzer.Api.Infrastructure.Configuration;
using BeschikbaarheidsWijzer.Api.Infrastructure.Csv;
using BeschikbaarheidsWijzer.Api.Infrastructure.Http;
using BeschikbaarheidsWijzer.Api.Shared.Availability;
using BeschikbaarheidsWijzer.Api.Shared.Management;
using BeschikbaarheidsWijzer.Api.Shared.Reference;
using BeschikbaarheidsWijzer.Domain.Availability;
using BeschikbaarheidsWijzer.Domain.Norms;
using BeschikbaarheidsWijzer.Domain.Reporting;
using BeschikbaarheidsWijzer.Domain.Validation;
using BeschikbaarheidsWijzer.Domain.Weeks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace BeschikbaarheidsWijzer.Api.Features.ManagementReports;

/// <summary>
/// The contract manager's reports for one region: norm compliance per provider and care type over a period, the region's
/// figures per care type on a date, and the offerings whose figures are late. Admin, or region-manager of the region.
/// SQL only gathers rows; the figures are computed by the domain's <see cref="NormCompliance"/> and <see cref="RegionSummary"/>.
/// </summary>
public static class ManagementReportEndpoints
{
    public const string Prefix = "/api/v1/reports";
    public const int DefaultWeeks = 13;
    public const int DefaultTrendWeeks = 26;
    public const int MaxTrendWeeks = 104;
    public const int DefaultNotableWeeks = 4;
    public const int MaxNotableRows = 5000;

    private const string CsvNote = " As CSV with ?format=csv or Accept: text/csv (UTF-8 with BOM, ';' separated, Dutch headers, decimal comma, shares as percentages).";

    public static IEndpointRouteBuilder MapManagementReports(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup(Prefix)
            .WithTags("Reports")
            .RequireAuthorization(AuthSetup.ManagementPolicy)
            .RequireRateLimiting(AuthSetup.PerKeyRateLimit)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        reports.MapGet("/norm-compliance", GetNormCompliance).WithName("GetNormComplianceReport")
            .WithSummary("Norm compliance per provider and care type over a period: the KPI table for contract talks")
            .WithDescription(
                "region (required), from and to (yyyy-MM-dd; default the 13 ISO weeks up to today; at most 731 days), careType (optional). " +
                "Weeks are ISO weeks (Europe/Amsterdam) holding a day of [from, to], cut off at today. Counted in offering-weeks: a week is " +
                "expected of an offering when on one of its days in the period the offering existed, was not deleted and was contracted in a " +
                "municipality of the region; it is reported when a report has that week start (the week's last report counts). Each reported " +
                "week is judged by the region's norm in force on the day its report was made. withinNorm per phase counts weeks with both a " +
                "figure and a bound for that phase; allPhases counts weeks whose norm status is within or exceeded. Median and maximum are of " +
                "the effective wait (total, else intake). trend compares the median effective wait of the first half of the weeks with the " +
                "second half (with an odd count the middle week is left out); latest is the group's most recent report in the period." + CsvNote)
            .ProducesCsv();
        reports.MapGet("/region-summary", GetRegionSummary).WithName("GetRegionSummaryReport")
            .WithSummary("The region's figures per care type on a date: the figure for the regiovisie")
            .WithDescription(
                "region (required), date (yyyy-MM-dd, default today, not in the future). Counts the offerings contracted in the region on the " +
                "date (existing, not deleted) with each one's latest report made by the end of that date: withReport, stale (older than " +
                "Availability:StaleAfterDays on the date; still counted), acceptingReferrals, freePlaces (sum), withinNorm (offerings whose " +
                "status is within or exceeded, judged by the norm in force when the report was made) and the median effective wait. " +
                "norm is the region's norm in force on the date." + CsvNote)
            .ProducesCsv();
        reports.MapGet("/stale", GetStale).WithName("GetStaleReport")
            .WithSummary("Offerings without a report in the last days, with the provider's contact")
            .WithDescription(
                "region (required), days (1–365, default Availability:StaleAfterDays). The offerings contracted in the region today whose " +
                "latest report is older than days × 24 hours, or that never reported; those that never reported first, then the longest " +
                "silent." + CsvNote)
            .ProducesCsv();
        reports.MapGet("/weekly-trend", GetWeeklyTrend).WithName("GetWeeklyTrendReport")
            .WithSummary("Per care type, week by week: the share of reports within the norm and the median wait")
            .WithDescription(
                "region (required), weeks (1–104, default 26: the ISO weeks up to and including the current one), careType (optional). " +
                "Each week counts, over the offerings of the care type expected to report that week (as in norm-compliance), how many " +
                "reported, the share of those reports within the norm (of the ones within or exceeded, each judged by the norm in force on " +
                "the day it was made: allPhases of norm-compliance) and the median effective wait (total, else intake). Care types without " +
                "an offering expected in the period are left out; norm is the region's norm in force today." + CsvNote)
            .ProducesCsv();
        reports.MapPost("/realised-lead-times", PostRealisedLeadTimes).WithName("PostRealisedLeadTimes")
            .WithSummary("Upload the region's own realised lead times from iJw messages (CSV)")
            .WithDescription(
                "region (required). Body: text/csv, UTF-8, ';'-separated, header " + "kvk;ijw_productcategorie;maand;aantal_jeugdigen;mediaan_dagen_tot_start" +
                $", one line per provider (KvK) × iJw product category × month (yyyy-MM, not in the future): the number of young people who " +
                $"started and their median days from request to start. At most {RealisedLeadTimeCsv.MaxBytes / 1024} KiB and {RealisedLeadTimeCsv.MaxRows} lines. " +
                "A count below the region's minimum group (RealisedLeadTimes:MinimumGroup, default 5) is refused: a small group could " +
                "identify a child. All or nothing; errors name the line (the header is line 1) and column, e.g. lines[4].aantal_jeugdigen. " +
                "A line for a provider, category and month already stored replaces it. norm-compliance then shows regionMeasured.")
            .Accepts<string>("text/csv")
            .WithMetadata(new RequestSizeLimitAttribute(4 * RealisedLeadTimeCsv.MaxBytes));
        reports.MapGet("/notable-reports", GetNotableReports).WithName("GetNotableReportsReport")
            .WithSummary("Opvallende meldingen: reports accepted with plausibility warnings, newest first")
            .WithDescription(
                "region (required), from and to (yyyy-MM-dd; default the 4 ISO weeks up to today; at most 731 days). The reports made in " +
                "[from, to] (Europe/Amsterdam days) that carry plausibility warnings, for offerings contracted in a municipality of the region " +
                $"on a day of the period, newest first (at most {MaxNotableRows}), each with its warnings as the provider API answered them " +
                "(README, \"Plausibility warnings\") and the provider's contact." + CsvNote)
            .ProducesCsv();
        return app;
    }

    public static async Task<Results<Ok<NormComplianceReport>, PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> GetNormCompliance(
        [AsParameters] NormComplianceQuery query, ClaimsPrincipal user, HttpContext http, WijzerDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (scope, region, csv, errors, refusal) = await StartAsync(query.Region, query.Format, user, http, db, clock, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (from, to) = ReadPeriod(query.From, query.To, scope.Today, DefaultWeeks, errors);
        var careType = query.CareType is null ? null : await ReferenceParameters.CareTypeAsync(query.CareType, "careType", db, errors, cancellationToken);
        if (!errors.IsEmpty || region is null)
        {
            return ManagementInput.InvalidQuery(errors);
        }

        var period = new ReportingPeriod(from, to, scope.Today);
        var report = new NormComplianceReport(
            region, from, to, period.LastDay, careType, period.Weeks.Select(w => w.ToString()).ToList(), clock.GetUtcNow(),
            period.Weeks.Count == 0 ? [] : await ComputeNormComplianceAsync(db, region, careType, period, cancellationToken));
        return csv
            ? CsvResponse.File($"normnaleving-{region}-{from:yyyy-MM-dd}-{to:yyyy-MM-dd}.csv", (w, ct) => ManagementReportCsv.WriteAsync(w, report, ct), http)
            : TypedResults.Ok(report);
    }

    public static async Task<Results<Ok<RegionSummaryReport>, PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> GetRegionSummary(
        [AsParameters] RegionSummaryQuery query, ClaimsPrincipal user, HttpContext http, WijzerDbContext db, TimeProvider clock,
        IConfiguration configuration, CancellationToken cancellationToken)
    {
        var (scope, region, csv, errors, refusal) = await StartAsync(query.Region, query.Format, user, http, db, clock, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var date = QueryValues.Date(query.Date, "date", errors) ?? scope.Today;
        if (date > scope.Today)
        {
            errors.Add("date", ErrorCodes.DateRange, $"Not after today ({scope.Today:yyyy-MM-dd}): there are no figures for the future yet.",
                ("max", scope.Today.ToString(QueryValues.DateFormat, System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (!errors.IsEmpty || region is null)
        {
            return ManagementInput.InvalidQuery(errors);
        }

        var now = clock.GetUtcNow();
        var staleAfterDays = configuration.StaleAfterDays();

        // As of the end of the date; for today, as of now.
        var endOfDate = IsoWeek.StartOfAmsterdamDay(date.AddDays(1));
        var asOf = date == scope.Today ? now : endOfDate;
        var resolver = await NormCatalog.LoadResolverAsync(db, cancellationToken);
        var careTypes = await db.CareTypes.AsNoTracking().OrderBy(c => c.SortOrder).ToListAsync(cancellationToken);
        var validThatDay = ValidityQueries.ValidOn<Contract>(date);
        var offerings = await db.Offerings.AsNoTracking()
            .Where(o => o.CreatedAt < endOfDate && (o.DeletedAt == null || o.DeletedAt >= endOfDate)
                        && o.Contracts.AsQueryable().Where(validThatDay).Any(c => c.Municipality!.RegionCode == region))
            .Select(o => new
            {
                o.CareTypeCode,
                Report = o.Reports.Where(r => r.Id == WijzerDbContext.CurrentReportIdAsOf(o.Id, asOf))
                    .Select(r => new { r.WeekStart, r.ReportedAt, r.Id, r.AcceptingReferrals, r.WaitToIntakeWeeks, r.WaitToTreatmentWeeks, r.FreePlaces })
                    .FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        var rows = careTypes.Select(c =>
        {
            var profile = new CareTypeProfile(c.Code, c.Sector, c.Setting);
            var snapshots = offerings.Where(o => o.CareTypeCode == c.Code).Select(o =>
            {
                var report = o.Report is not { } r ? null : new WeeklyReport(r.WeekStart, r.ReportedAt, r.Id, r.AcceptingReferrals, r.WaitToIntakeWeeks, r.WaitToTreatmentWeeks, r.FreePlaces);
                return new OfferingSnapshot(
                    report,
                    report is not null && AvailabilityRules.IsStale(report.ReportedAt, asOf, staleAfterDays),
                    report is null ? null : resolver.Resolve(profile, region, report.ReportDate)?.Norm);
            }).ToList();
            var figures = RegionSummary.Summarise(snapshots);
            var norm = resolver.Resolve(profile, region, date);
            return new RegionSummaryRow(
                new CareTypeRef(c.Code, c.Name), c.IjwCategory, figures.Offerings, figures.WithReport, figures.Stale, figures.AcceptingReferrals,
                figures.FreePlaces, ShareDto.From(figures.WithinNorm), ShareDto.Round(figures.MedianWaitWeeks), norm is null ? null : AvailabilityContracts.ToNormDto(norm));
        }).ToList();

        var regionName = await db.Regions.Where(r => r.Code == region).Select(r => r.Name).SingleAsync(cancellationToken);
        var report = new RegionSummaryReport(region, regionName, date, staleAfterDays, now, rows);
        return csv
            ? CsvResponse.File($"regio-overzicht-{region}-{date:yyyy-MM-dd}.csv", (w, ct) => ManagementReportCsv.WriteAsync(w, report, ct), http)
            : TypedResults.Ok(report);
    }

    public static async Task<Results<Ok<StaleReport>, PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> GetStale(
        [AsParameters] StaleQuery query, ClaimsPrincipal user, HttpContext http, WijzerDbContext db, TimeProvider clock,
        IConfiguration configuration, CancellationToken cancellationToken)
    {
        var (scope, region, csv, errors, refusal) = await StartAsync(query.Region, query.Format, user, http, db, clock, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var days = QueryValues.Integer(query.Days, "days", 1, FieldLimits.MaxStaleDays, errors)
                   ?? configuration.StaleAfterDays();
        if (!errors.IsEmpty || region is null)
        {
            return ManagementInput.InvalidQuery(errors);
        }

        var now = clock.GetUtcNow();
        var today = scope.Today;
        var validToday = ValidityQueries.ValidOn<Contract>(today);
        var offerings = await db.Offerings.AsNoTracking()
            .Where(o => o.DeletedAt == null && o.Provider!.DeletedAt == null
                        && o.Contracts.AsQueryable().Where(validToday).Any(c => c.Municipality!.RegionCode == region))
            .Select(o => new
            {
                o.Id,
                o.Title,
                o.CareTypeCode,
                CareTypeName = o.CareType!.Name,
                Provider = new StaleProviderDto(o.ProviderId, o.Provider!.Name, o.Provider.KvkNumber, o.Provider.Phone, o.Provider.Email, o.Provider.Website),
                Last = o.Reports.OrderByDescending(r => r.ReportedAt).ThenByDescending(r => r.Id)
                    .Select(r => new { r.ReportedAt, r.WeekStart })
                    .FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        var rows = offerings
            .Where(o => o.Last is null || AvailabilityRules.IsStale(o.Last.ReportedAt, now, days))
            .OrderBy(o => o.Last is not null)
            .ThenBy(o => o.Last?.ReportedAt)
            .ThenBy(o => o.Provider.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(o => o.Title, StringComparer.OrdinalIgnoreCase)
            .ThenBy(o => o.Id)
            .Select(o => new StaleOfferingRow(
                o.Id, o.Title, new CareTypeRef(o.CareTypeCode, o.CareTypeName), o.Provider, o.Last?.ReportedAt,
                o.Last is null ? null : IsoWeek.FromDate(o.Last.WeekStart).ToString(),
                o.Last is null ? null : today.DayNumber - IsoWeek.ToAmsterdamDate(o.Last.ReportedAt).DayNumber))
            .ToList();
        var report = new StaleReport(region, days, now, rows);
        return csv
            ? CsvResponse.File($"verouderde-meldingen-{region}-{today:yyyy-MM-dd}.csv", (w, ct) => ManagementReportCsv.WriteAsync(w, report, ct), http)
            : TypedResults.Ok(report);
    }

    public static async Task<Results<Ok<WeeklyTrendReport>, PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> GetWeeklyTrend(
        [AsParameters] WeeklyTrendQuery query, ClaimsPrincipal user, HttpContext http, WijzerDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (scope, region, csv, errors, refusal) = await StartAsync(query.Region, query.Format, user, http, db, clock, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var weeks = QueryValues.Integer(query.Weeks, "weeks", 1, MaxTrendWeeks, errors) ?? DefaultTrendWeeks;
        var careType = query.CareType is null ? null : await ReferenceParameters.CareTypeAsync(query.CareType, "careType", db, errors, cancellationToken);
        if (!errors.IsEmpty || region is null)
        {
            return ManagementInput.InvalidQuery(errors);
        }

        var period = new ReportingPeriod(IsoWeek.FromDate(scope.Today).AddWeeks(-(weeks - 1)).Monday, scope.Today, scope.Today);
        var (offerings, norms) = await LoadExpectedWeeksAsync(db, region, careType, period, cancellationToken);
        var careTypes = offerings
            .GroupBy(o => o.CareType.Code)
            .Select(group => group.ToList())
            .OrderBy(group => group[0].SortOrder)
            .Select(group =>
            {
                var norm = norms.Resolve(group[0].Profile, region, period.LastDay);
                var points = WeeklyTrend.PerWeek(group.SelectMany(o => o.Weeks), period)
                    .Select(w => new WeekTrendDto(w.Week.ToString(), w.Week.Monday, w.OfferingsExpected, w.Reported, ShareDto.From(w.WithinNorm), ShareDto.Round(w.MedianWaitWeeks)))
                    .ToList();
                return new CareTypeTrendDto(group[0].CareType, norm is null ? null : AvailabilityContracts.ToNormDto(norm), points);
            })
            .ToList();
        var report = new WeeklyTrendReport(region, period.From, period.LastDay, period.Weeks.Select(w => w.ToString()).ToList(), clock.GetUtcNow(), careTypes);
        return csv
            ? CsvResponse.File($"weektrend-{region}-{scope.Today:yyyy-MM-dd}.csv", (w, ct) => ManagementReportCsv.WriteAsync(w, report, ct), http)
            : TypedResults.Ok(report);
    }

    /// <summary>
    /// The list "Opvallende meldingen": the reports accepted with plausibility warnings in a period, for offerings contracted
    /// in the region during it, newest first, with the provider's contact.
    /// </summary>
    public static async Task<Results<Ok<NotableReportsReport>, PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> GetNotableReports(
        [AsParameters] NotableReportsQuery query, ClaimsPrincipal user, HttpContext http, WijzerDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (scope, region, csv, errors, refusal) = await StartAsync(query.Region, query.Format, user, http, db, clock, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (from, to) = ReadPeriod(query.From, query.To, scope.Today, DefaultNotableWeeks, errors);
        if (!errors.IsEmpty || region is null)
        {
            return ManagementInput.InvalidQuery(errors);
        }

        var start = IsoWeek.StartOfAmsterdamDay(from);
        var end = IsoWeek.StartOfAmsterdamDay(to.AddDays(1));
        var during = ValidityQueries.ValidDuring<Contract>(from, to);
        var found = await db.AvailabilityReports.AsNoTracking()
            .Where(r => r.Warnings != null && r.ReportedAt >= start && r.ReportedAt < end
                        && r.Offering!.DeletedAt == null && r.Offering.Provider!.DeletedAt == null
                        && r.Offering.Contracts.AsQueryable().Where(during).Any(c => c.Municipality!.RegionCode == region))
            .OrderByDescending(r => r.ReportedAt).ThenByDescending(r => r.Id)
            .Take(MaxNotableRows)
            .Select(r => new
            {
                r.Id, r.OfferingId, r.WeekStart, r.ReportedAt, r.ConfirmedUnchanged, r.Warnings,
                r.Offering!.Title, r.Offering.CareTypeCode, CareTypeName = r.Offering.CareType!.Name,
                Provider = new StaleProviderDto(r.Offering.ProviderId, r.Offering.Provider!.Name, r.Offering.Provider.KvkNumber, r.Offering.Provider.Phone, r.Offering.Provider.Email, r.Offering.Provider.Website),
            })
            .ToListAsync(cancellationToken);
        var rows = found.Select(r => new NotableReportRow(
                r.Id, r.OfferingId, r.Title, new CareTypeRef(r.CareTypeCode, r.CareTypeName), r.Provider, IsoWeek.FromDate(r.WeekStart).ToString(),
                r.ReportedAt, r.ConfirmedUnchanged, ReportWarnings.Parse(r.OfferingId, r.Warnings)))
            .ToList();
        var report = new NotableReportsReport(region, from, to, clock.GetUtcNow(), rows);
        return csv
            ? CsvResponse.File($"opvallende-meldingen-{region}-{from:yyyy-MM-dd}-{to:yyyy-MM-dd}.csv", (w, ct) => ManagementReportCsv.WriteAsync(w, report, ct), http)
            : TypedResults.Ok(report);
    }

    public static async Task<Results<Ok<RealisedLeadTimesUploadResult>, ValidationProblem, ProblemHttpResult>> PostRealisedLeadTimes(
        [FromQuery] string? region, ClaimsPrincipal user, HttpContext http, WijzerDbContext db, TimeProvider clock, IConfiguration configuration,
        CancellationToken cancellationToken)
    {
        var scope = ManagementScope.For(user, clock);
        var errors = new ValidationErrors();
        var (code, refusal) = await ReferenceParameters.ManagedRegionAsync(region, "region", scope, db, errors, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var mediaType = http.Request.ContentType is { } type && MediaTypeHeaderValue.TryParse(type, out var parsed) ? parsed.MediaType.ToString() : null;
        if (mediaType is not ("text/csv" or "text/plain"))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send CSV",
                detail: "Send the file as the body with Content-Type: text/csv (UTF-8).");
        }

        var text = await ReadLimitedAsync(http.Request.Body, RealisedLeadTimeCsv.MaxBytes, cancellationToken);
        if (text is null)
        {
            errors.Add("body", ErrorCodes.TooLong, $"The file may be at most {RealisedLeadTimeCsv.MaxBytes} bytes.", ("max", RealisedLeadTimeCsv.MaxBytes));
        }

        if (!errors.IsEmpty || code is null)
        {
            return ManagementInput.InvalidQuery(errors);
        }

        var providers = (await db.Providers.AsNoTracking().Where(p => p.DeletedAt == null && p.KvkNumber != null).Select(p => p.KvkNumber!).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var categories = (await db.CareTypes.AsNoTracking().Select(c => c.IjwCategory).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var (rows, refused) = RealisedLeadTimeCsv.Parse(text!, scope.Today, configuration.MinimumGroup(code), providers.Contains, categories.Contains);
        if (!refused.IsEmpty)
        {
            return ValidationProblems.Invalid(refused, "Invalid file");
        }

        // One statement per upload: a line for a stored provider, category and month replaces it, all in one transaction.
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var replaced = 0;
        foreach (var chunk in rows.Chunk(1000))
        {
            var kvks = chunk.Select(r => r.KvkNumber).ToArray();
            var cats = chunk.Select(r => r.IjwCategory).ToArray();
            var months = chunk.Select(r => r.Month).ToArray();
            var counts = chunk.Select(r => r.YoungPeople).ToArray();
            var days = chunk.Select(r => r.MedianDays).ToArray();
            // Not composed (ToList, not Single): PostgreSQL allows a data-modifying WITH only at the top level.
            replaced += (await db.Database.SqlQuery<int>($"""
                with incoming as (select * from unnest({kvks}, {cats}, {months}, {counts}, {days}) as t(kvk, cat, month, young, median)),
                upserted as (
                    insert into region_measured_lead_times (region_code, kvk_number, ijw_category, month, young_people, median_days, uploaded_at, api_key_id)
                    select {code}, kvk, cat, month, young, median, {now}, {scope.Caller.KeyId} from incoming
                    on conflict (region_code, kvk_number, ijw_category, month)
                    do update set young_people = excluded.young_people, median_days = excluded.median_days,
                                  uploaded_at = excluded.uploaded_at, api_key_id = excluded.api_key_id
                    returning (xmax <> 0)::int as was_there)
                select coalesce(sum(was_there), 0)::int as "Value" from upserted
                """).ToListAsync(cancellationToken)).Single();
        }

        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new RealisedLeadTimesUploadResult(code, rows.Count, replaced,
            rows.Min(r => r.Month).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            rows.Max(r => r.Month).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>The body as UTF-8 text, or null when it is longer than <paramref name="maxBytes"/>.</summary>
    private static async Task<string?> ReadLimitedAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>A period <c>from</c>–<c>to</c> (default: the <paramref name="defaultWeeks"/> ISO weeks up to today), at most MaxReportPeriodDays long.</summary>
    private static (DateOnly From, DateOnly To) ReadPeriod(string? fromText, string? toText, DateOnly today, int defaultWeeks, ValidationErrors errors)
    {
        var to = QueryValues.Date(toText, "to", errors) ?? today;
        var from = QueryValues.Date(fromText, "from", errors) ?? IsoWeek.FromDate(to).AddWeeks(-(defaultWeeks - 1)).Monday;
        if (from > to)
        {
            errors.Add("to", ErrorCodes.LessThan, "Must not be before from.", ("other", "from"));
        }
        else if (to.DayNumber - from.DayNumber >= FieldLimits.MaxReportPeriodDays)
        {
            errors.Add("to", ErrorCodes.Range, $"A period of at most {FieldLimits.MaxReportPeriodDays} days.", ("min", 1), ("max", FieldLimits.MaxReportPeriodDays), ("unit", "days"));
        }

        return (from, to);
    }

    /// <summary>
    /// What every report reads first: the caller's scope, the region (unknown: an error naming <c>region</c>; not the
    /// caller's: a 403 refusal) and whether CSV is wanted (an unknown format: an error naming <c>format</c>).
    /// </summary>
    private static async Task<(ManagementScope Scope, string? Region, bool Csv, ValidationErrors Errors, ProblemHttpResult? Refusal)> StartAsync(
        string? region, string? format, ClaimsPrincipal user, HttpContext http, WijzerDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var scope = ManagementScope.For(user, clock);
        var errors = new ValidationErrors();
        var (code, refusal) = await ReferenceParameters.ManagedRegionAsync(region, "region", scope, db, errors, cancellationToken);
        var csv = CsvResponse.WantsCsv(format, http.Request, errors) == true;
        return (scope, code, csv, errors, refusal);
    }

    /// <summary>Norm compliance rows: the rows are gathered here, the figures computed by the domain.</summary>
    private static async Task<List<NormComplianceRow>> ComputeNormComplianceAsync(
        WijzerDbContext db, string region, string? careType, ReportingPeriod period, CancellationToken cancellationToken)
    {
        var (offerings, _) = await LoadExpectedWeeksAsync(db, region, careType, period, cancellationToken);

        // The region's own measure (iJw uploads) of the months that overlap the period, per provider KvK and iJw category.
        var firstMonth = new DateOnly(period.From.Year, period.From.Month, 1);
        var categories = await db.CareTypes.AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.IjwCategory, cancellationToken);
        var measured = (await db.RegionMeasuredLeadTimes.AsNoTracking()
                .Where(t => t.RegionCode == region && t.Month >= firstMonth && t.Month <= period.LastDay)
                .ToListAsync(cancellationToken))
            .ToLookup(t => (t.KvkNumber, t.IjwCategory), t => new RealisedLeadTime(t.KvkNumber, t.IjwCategory, t.Month, t.YoungPeople, t.MedianDays));
        RegionMeasuredWait? MeasuredFor(ReportProviderRef provider, string careTypeCode) =>
            provider.KvkNumber is { } kvk && categories.TryGetValue(careTypeCode, out var category)
                ? RegionMeasuredWait.Combine(measured[(kvk, category)].ToList())
                : null;

        return offerings
            .GroupBy(o => (o.Provider.Id, o.CareType.Code))
            .Select(group =>
            {
                var perOffering = group.Select(o => o.Weeks).ToList();
                return (Group: group.First(), Figures: NormCompliance.Summarise(perOffering.SelectMany(w => w).ToList(), perOffering.Count, period));
            })
            .OrderBy(g => g.Group.Provider.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(g => g.Group.Provider.Id)
            .ThenBy(g => g.Group.SortOrder)
            .Select(g => ToRow(g.Group.Provider, g.Group.CareType, g.Figures, MeasuredFor(g.Group.Provider, g.Group.CareType.Code)))
            .ToList();
    }

    /// <summary>
    /// Every offering contracted in the region during the period that was expected to report at least one of its weeks,
    /// with those weeks judged (<see cref="NormCompliance.ExpectedWeeks"/>), and the norms they were judged by. SQL only
    /// gathers the offerings, their contracts in the region and their reports of the period's weeks.
    /// </summary>
    private static async Task<(List<OfferingWeeks> Offerings, NormResolver Norms)> LoadExpectedWeeksAsync(
        WijzerDbContext db, string region, string? careType, ReportingPeriod period, CancellationToken cancellationToken)
    {
        var validInPeriod = ValidityQueries.ValidDuring<Contract>(period.From, period.LastDay);
        var candidates = db.Offerings.AsNoTracking()
            .Where(o => o.Contracts.AsQueryable().Where(validInPeriod).Any(c => c.Municipality!.RegionCode == region));
        if (careType is not null)
        {
            candidates = candidates.Where(o => o.CareTypeCode == careType);
        }

        var offerings = await candidates
            .Select(o => new
            {
                o.Id,
                Provider = new ReportProviderRef(o.ProviderId, o.Provider!.Name, o.Provider.KvkNumber),
                CareType = new CareTypeRef(o.CareTypeCode, o.CareType!.Name),
                o.CareType.Sector,
                o.CareType.Setting,
                o.CareType.SortOrder,
                o.CreatedAt,
                o.DeletedAt,
                Contracts = o.Contracts.Where(c => c.Municipality!.RegionCode == region).Select(c => new ContractPeriod(c.ValidFrom, c.ValidTo)).ToList(),
            })
            .ToListAsync(cancellationToken);
        var ids = offerings.Select(o => o.Id).ToList();
        var firstMonday = period.Weeks[0].Monday;
        var lastMonday = period.Weeks[^1].Monday;
        var reports = (await db.AvailabilityReports.AsNoTracking()
                .Where(r => ids.Contains(r.OfferingId) && r.WeekStart >= firstMonday && r.WeekStart <= lastMonday)
                .Select(r => new
                {
                    r.OfferingId, r.WeekStart, r.ReportedAt, r.Id, r.AcceptingReferrals, r.WaitToIntakeWeeks, r.WaitToTreatmentWeeks, r.FreePlaces,
                    r.RealisedWaitToIntakeWeeks, r.RealisedWaitToTreatmentWeeks,
                })
                .ToListAsync(cancellationToken))
            .ToLookup(r => r.OfferingId, r => new WeeklyReport(
                r.WeekStart, r.ReportedAt, r.Id, r.AcceptingReferrals, r.WaitToIntakeWeeks, r.WaitToTreatmentWeeks, r.FreePlaces,
                r.RealisedWaitToIntakeWeeks, r.RealisedWaitToTreatmentWeeks));
        var resolver = await NormCatalog.LoadResolverAsync(db, cancellationToken);

        var expected = offerings
            .Select(o =>
            {
                var profile = new CareTypeProfile(o.CareType.Code, o.Sector, o.Setting);
                var weeks = NormCompliance.ExpectedWeeks(
                    new OfferingRecord(
                        IsoWeek.ToAmsterdamDate(o.CreatedAt),
                        o.DeletedAt is { } deleted ? IsoWeek.ToAmsterdamDate(deleted) : null,
                        o.Contracts,
                        reports[o.Id].ToList()),
                    period,
                    day => resolver.Resolve(profile, region, day)?.Norm);
                return new OfferingWeeks(o.Provider, o.CareType, profile, o.SortOrder, weeks);
            })
            .Where(o => o.Weeks.Count > 0)
            .ToList();
        return (expected, resolver);
    }

    private static NormComplianceRow ToRow(ReportProviderRef provider, CareTypeRef careType, ComplianceFigures f, RegionMeasuredWait? measured) => new(
        provider,
        careType,
        f.Offerings,
        f.WeeksExpected,
        f.WeeksReported,
        ShareDto.Round(f.ReportedShare),
        new PhaseSharesDto(ShareDto.From(f.Intake), ShareDto.From(f.Treatment), ShareDto.From(f.Total), ShareDto.From(f.Overall)),
        ShareDto.Round(f.MedianWaitWeeks),
        f.MaxWaitWeeks,
        f.Latest is { Report: { } r } latest
            ? new LatestReportDto(latest.Week.ToString(), r.ReportedAt, r.AcceptingReferrals, r.WaitToIntakeWeeks, r.WaitToTreatmentWeeks, r.Figures.TotalWaitWeeks, latest.Status)
            : null,
        new TrendDto(ShareDto.Round(f.Trend.FirstHalfMedianWeeks), ShareDto.Round(f.Trend.SecondHalfMedianWeeks), ShareDto.Round(f.Trend.ChangeWeeks), f.Trend.Direction),
        new RealisedDto(f.Realised.Weeks, ShareDto.Round(f.Realised.MedianExpectedWeeks), ShareDto.Round(f.Realised.MedianRealisedWeeks), ShareDto.Round(f.Realised.DifferenceWeeks)),
        measured is null
            ? null
            : new RegionMeasuredDto(measured.Months, measured.YoungPeople, measured.MedianDays, measured.MedianWeeks, ShareDto.Round(measured.MedianWeeks - f.MedianWaitWeeks)));

    /// <summary>One offering's expected weeks in the period, with what it is grouped and sorted by.</summary>
    private sealed record OfferingWeeks(ReportProviderRef Provider, CareTypeRef CareType, CareTypeProfile Profile, int SortOrder, IReadOnlyList<WeekOutcome> Weeks);
}
