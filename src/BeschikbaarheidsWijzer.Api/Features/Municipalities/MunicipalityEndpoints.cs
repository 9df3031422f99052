using System.Security.Claims;
using System.Text.Json.Serialization;
using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Infrastructure.Http;
using BeschikbaarheidsWijzer.Api.Infrastructure.OpenApi;
using BeschikbaarheidsWijzer.Api.Shared.Audit;
using BeschikbaarheidsWijzer.Api.Shared.Management;
using BeschikbaarheidsWijzer.Api.Shared.Reference;
using BeschikbaarheidsWijzer.Domain.Access;
using BeschikbaarheidsWijzer.Domain.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Features.Municipalities;

/// <summary>
/// Where a family in a municipality goes next: the municipality's toegang (wijkteam, CJG or lokale toegang) with its
/// contact and, when the municipality reports it, how long that first step takes. Read by everyone; set by the region.
/// </summary>
public static class MunicipalityEndpoints
{
    public static IEndpointRouteBuilder MapMunicipalities(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Reference data").CacheOutput(PublicCaching.PolicyName).WithPublicCors();
        api.MapGet("/municipalities/{code}", GetMunicipality).WithName("GetMunicipality")
            .WithSummary("A municipality, its region and where a family goes for a referral")
            .WithDescription("access is the municipality's toegang (wijkteam, CJG or lokale toegang) as the region set it, or null when it " +
                             "has not. waitWeeks is the wait for that first step when the municipality reports it, with waitReportedAt. " +
                             "An unknown code is 400 naming code.")
            .ProducesValidationProblem();

        var admin = app.MapManagementGroup();
        admin.MapGet("/regions/{region}/municipalities", ListMunicipalities).WithName("AdminListMunicipalities")
            .WithSummary("The region's municipalities with their toegang")
            .WithDescription("Admin, or region-manager of this region (403 otherwise). Each with an eTag to send as If-Match when changing it.")
            .ProducesValidationProblem();
        admin.MapPut("/municipalities/{code}/access", PutAccess).WithName("AdminPutMunicipalityAccess").WithRequiredBody()
            .WithSummary("Set where a family in this municipality goes for a referral")
            .WithDescription("Admin, or region-manager of the municipality's region (403 otherwise). name is required, and a phone number " +
                             "or a website; email optional; waitWeeks 0–104 (the wait for the first step; leave it out when unknown), its " +
                             "waitReportedAt is the time of this PUT. Replaces what was set. Send If-Match with the eTag you read to have the " +
                             "PUT refused (412) when someone changed it meanwhile. Evicts the public cache.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return app;
    }

    public static async Task<Results<Ok<MunicipalityDetailDto>, ValidationProblem>> GetMunicipality(
        string code, WijzerDbContext db, CancellationToken cancellationToken)
    {
        var normalised = NormaliseCode(code);
        var municipality = normalised is null ? null : await db.Municipalities.AsNoTracking()
            .Where(m => m.Code == normalised)
            .Select(m => new
            {
                m.Code, m.Name, Region = new RegionRefDto(m.RegionCode, m.Region!.Name),
                Access = db.MunicipalityAccess.FirstOrDefault(a => a.MunicipalityCode == m.Code),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (municipality is null)
        {
            return UnknownCode();
        }

        return TypedResults.Ok(new MunicipalityDetailDto(municipality.Code, municipality.Name, municipality.Region, AccessDto(municipality.Access)));
    }

    public static async Task<Results<Ok<List<AdminMunicipalityDto>>, ValidationProblem, ProblemHttpResult>> ListMunicipalities(
        string region, ClaimsPrincipal user, WijzerDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var scope = ManagementScope.For(user, clock);
        var errors = new ValidationErrors();
        var (regionCode, refusal) = await ReferenceParameters.ManagedRegionAsync(region, "region", scope, db, errors, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (regionCode is null)
        {
            return ManagementInput.InvalidQuery(errors);
        }

        var municipalities = await db.Municipalities.AsNoTracking()
            .Where(ValidityQueries.ValidOn<Municipality>(scope.Today))
            .Where(m => m.RegionCode == regionCode)
            .OrderBy(m => m.Name)
            .Select(m => new { m.Code, m.Name, m.RegionCode, Access = db.MunicipalityAccess.FirstOrDefault(a => a.MunicipalityCode == m.Code) })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(municipalities.Select(m => AdminDto(m.Code, m.Name, m.RegionCode, m.Access)).ToList());
    }

    public static async Task<Results<Ok<AdminMunicipalityDto>, ValidationProblem, ProblemHttpResult>> PutAccess(
        string code, MunicipalityAccessRequest? input, [FromHeader(Name = "If-Match")] string? ifMatch, ClaimsPrincipal user,
        WijzerDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var scope = ManagementScope.For(user, clock);
        var normalised = NormaliseCode(code);
        var municipality = normalised is null ? null : await db.Municipalities.AsNoTracking().FirstOrDefaultAsync(m => m.Code == normalised, cancellationToken);
        if (municipality is null)
        {
            return UnknownCode();
        }

        if (!scope.ManagesRegion(municipality.RegionCode))
        {
            return ReferenceParameters.NotYourRegion(scope, municipality.RegionCode);
        }

        var errors = new ValidationErrors();
        if (input is null)
        {
            errors.Add("body", ErrorCodes.Required, "Send a JSON object: { \"name\": \"Sociaal Team Winterswijk\", \"phone\": \"0543-123456\", \"website\": \"https://…\", \"waitWeeks\": 2 }.");
        }

        var fields = input is null ? null : MunicipalityAccessRules.Validate(new MunicipalityAccessInput(input.Name, input.Phone, input.Email, input.Website, input.WaitWeeks), errors);
        if (fields is null)
        {
            return ManagementInput.Invalid(errors);
        }

        await using var write = await AuditedWrite.BeginAsync(db, scope.Caller, clock, cancellationToken);

        // One writer per municipality at a time, so an If-Match check cannot be overtaken between reading and writing.
        await db.Database.ExecuteSqlAsync($"select code from municipalities where code = {municipality.Code} for update", cancellationToken);
        var access = await db.MunicipalityAccess.FirstOrDefaultAsync(a => a.MunicipalityCode == municipality.Code, cancellationToken);
        var before = access is null ? null : AdminDto(municipality.Code, municipality.Name, municipality.RegionCode, access);
        if (!ManagementETag.Allows(ifMatch, (before ?? AdminDto(municipality.Code, municipality.Name, municipality.RegionCode, null)).ETag))
        {
            return ManagementETag.ChangedMeanwhile("municipality's toegang");
        }

        if (access is null)
        {
            access = new MunicipalityAccess { MunicipalityCode = municipality.Code, Name = fields.Name };
            db.MunicipalityAccess.Add(access);
        }

        access.Name = fields.Name;
        access.Phone = fields.Phone;
        access.Email = fields.Email;
        access.Website = fields.Website;
        access.WaitWeeks = fields.WaitWeeks;
        access.WaitReportedAt = fields.WaitWeeks is null ? null : write.Now;
        access.UpdatedAt = write.Now;
        var after = AdminDto(municipality.Code, municipality.Name, municipality.RegionCode, access);
        write.Record(AuditEntities.MunicipalityAccess, municipality.Code, before is null ? AuditActions.Create : AuditActions.Update, before, after);
        if (await write.CommitAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        return TypedResults.Ok(after);
    }

    /// <summary>A CBS code as stored (<c>GM0294</c>), or null when it cannot be one.</summary>
    private static string? NormaliseCode(string? code) =>
        DutchCodes.TryNormaliseMunicipalityCode(code, out var normalised) ? normalised : null;

    private static ValidationProblem UnknownCode()
    {
        var errors = new ValidationErrors();
        errors.Add("code", CommonProblems.UnknownMunicipality());
        return ValidationProblems.Invalid(errors, "Invalid request");
    }

    private static MunicipalityAccessDto? AccessDto(MunicipalityAccess? access) => access is null
        ? null
        : new MunicipalityAccessDto(access.Name, access.Phone, access.Email, access.Website, access.WaitWeeks, access.WaitReportedAt);

    private static AdminMunicipalityDto AdminDto(string code, string name, string region, MunicipalityAccess? access) =>
        new(code, name, region, AccessDto(access), access?.UpdatedAt);
}

public sealed record RegionRefDto(string Code, string Name);

/// <summary>A municipality's toegang: where a family goes for a referral, and the wait for that first step when known.</summary>
public sealed record MunicipalityAccessDto(string Name, string? Phone, string? Email, string? Website, int? WaitWeeks, DateTimeOffset? WaitReportedAt);

public sealed record MunicipalityDetailDto(string Code, string Name, RegionRefDto Region, MunicipalityAccessDto? Access);

/// <summary>A municipality as its region manages it; <c>access</c> null when none is set.</summary>
public sealed record AdminMunicipalityDto(string Code, string Name, string Region, MunicipalityAccessDto? Access, DateTimeOffset? UpdatedAt)
{
    /// <summary>Send as <c>If-Match</c> with a PUT to have it refused (412) when someone changed this meanwhile.</summary>
    public string ETag => ManagementETag.Of(this);
}

/// <summary>What the region says of a municipality's toegang.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record MunicipalityAccessRequest(string? Name, string? Phone = null, string? Email = null, string? Website = null, int? WaitWeeks = null);
