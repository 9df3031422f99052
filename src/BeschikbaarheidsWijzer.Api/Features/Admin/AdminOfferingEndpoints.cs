using System.Security.Claims;
using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Shared.Audit;
using BeschikbaarheidsWijzer.Api.Shared.Management;
using BeschikbaarheidsWijzer.Domain.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Features.Admin;

/// <summary>Aanbod with its contract (the municipalities it is contracted for), kept as history.</summary>
public static class AdminOfferingEndpoints
{

    internal static RouteGroupBuilder MapAdminOfferings(this RouteGroupBuilder admin)
    {
        admin.MapPost("/offerings", CreateOffering).WithName("AdminCreateOffering").WithSummary("Add an offering")
            .WithDescription("Each municipality in 'municipalities' gets a contract from today (Europe/Amsterdam). " +
                             "A region manager may only contract municipalities in its own regions.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapGet("/offerings", ListOfferings).WithName("AdminListOfferings").WithSummary("Offerings you manage, by title")
            .WithDescription("Optionally of one provider (providerId); paged with page and pageSize (at most 100). A region manager sees the offerings contracted in its regions.");
        admin.MapGet("/offerings/{id:guid}", GetOffering).WithName("AdminGetOffering").WithSummary("One offering with its locations and contracted municipalities")
            .WithDescription("With its eTag, to send as If-Match when changing it. 404 when it is not in the caller's regions.");
        admin.MapPut("/offerings/{id:guid}", UpdateOffering).WithName("AdminUpdateOffering").WithSummary("Replace an offering")
            .WithDescription("Every field is replaced. 'municipalities' is the contract: a municipality left out gets its open contract ended " +
                             "yesterday (removed if it started today), a new one gets a contract from today; history is kept. " +
                             "A region manager only adds or ends contracts in its own regions; contracts elsewhere stay as they are. " +
                             "Send If-Match with the eTag you read to have the PUT refused (412) when someone changed the offering meanwhile.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapDelete("/offerings/{id:guid}", DeleteOffering).WithName("AdminDeleteOffering").WithSummary("Delete an offering")
            .WithDescription("Soft delete: the offering leaves search and its open contracts end; its report history stays. " +
                             "A region manager gets 409 when the offering is also contracted outside its regions.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        return admin;
    }

    public static async Task<Results<Created<AdminOfferingDto>, ValidationProblem, ProblemHttpResult>> CreateOffering(
        OfferingInput input, ClaimsPrincipal user, WijzerDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var scope = ManagementScope.For(user, clock);
        var errors = new ValidationErrors();
        await using var write = await AuditedWrite.BeginAsync(db, scope.Caller, clock, cancellationToken);
        Guid? providerId = null;
        if (input.ProviderId is not { } requested)
        {
            errors.Add("providerId", FieldProblem.Required());
        }
        else
        {
            // Locked, so the provider cannot be deleted between this check and the insert.
            await ManagementInput.LockProviderAsync(db, requested, cancellationToken);
            if (await scope.IncludesProviderAsync(db, requested, cancellationToken))
            {
                providerId = requested;
            }
            else
            {
                errors.Add("providerId", FieldProblem.Unknown("provider", "No provider with this id that you manage."));
            }
        }

        var fields = await AdminOfferingInput.ReadFieldsAsync(input, providerId, db, errors, cancellationToken);
        var municipalities = await AdminOfferingInput.ReadMunicipalitiesAsync(input.Municipalities, scope.Today, db, errors, cancellationToken);
        foreach (var (index, municipality) in municipalities.Where(m => !scope.ManagesRegion(m.Municipality.RegionCode)))
        {
            errors.Add($"municipalities[{index}]", AdminOfferingInput.OutsideRegions(scope, municipality));
        }

        if (!errors.IsEmpty || fields is null || providerId is null)
        {
            return ManagementInput.Invalid(errors);
        }

        var offering = new Offering
        {
            ProviderId = providerId.Value,
            Title = fields.Title,
            CareTypeCode = fields.CareType,
            CreatedAt = write.Now,
            UpdatedAt = write.Now,
        };
        fields.ApplyTo(offering);
        offering.Locations.AddRange(fields.Locations);
        offering.Contracts.AddRange(municipalities.Select(m => new Contract { MunicipalityCode = m.Municipality.Code, ValidFrom = scope.Today }));
        db.Offerings.Add(offering);
        write.Record(AuditEntities.Offering, offering.Id, AuditActions.Create, null, AdminOfferingDto.From(offering, scope.Today));
        if (await write.CommitAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        return TypedResults.Created($"{ManagementApi.Prefix}/offerings/{offering.Id}", AdminOfferingDto.From(offering, scope.Today));
    }

    public static async Task<Results<Ok<AdminPage<AdminOfferingDto>>, ValidationProblem>> ListOfferings(
        [AsParameters] OfferingListQuery query, ClaimsPrincipal user, WijzerDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        Guid providerId = default;
        if (query.ProviderId is not null && !Guid.TryParse(query.ProviderId, out providerId))
        {
            errors.Add("providerId", FieldProblem.Format("uuid", "Not a provider id (a UUID)."));
        }

        if (!ManagementInput.TryReadPaging(new PageQuery(query.Page, query.PageSize), errors, out var page, out var pageSize) || !errors.IsEmpty)
        {
            return ManagementInput.InvalidQuery(errors);
        }

        var scope = ManagementScope.For(user, clock);
        var offerings = scope.Offerings(db).AsNoTracking();
        if (query.ProviderId is not null)
        {
            offerings = offerings.Where(o => o.ProviderId == providerId);
        }

        var total = await offerings.CountAsync(cancellationToken);
        var items = await AdminOfferingDto.WithLocationsAndContracts(offerings
                .OrderBy(o => o.Title).ThenBy(o => o.Id)
                .Skip((page - 1) * pageSize).Take(pageSize))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new AdminPage<AdminOfferingDto>(items.Select(o => AdminOfferingDto.From(o, scope.Today)).ToList(), page, pageSize, total));
    }

    public static async Task<Results<Ok<AdminOfferingDto>, ProblemHttpResult>> GetOffering(
        Guid id, ClaimsPrincipal user, WijzerDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var scope = ManagementScope.For(user, clock);
        var offering = await AdminOfferingDto.WithLocationsAndContracts(scope.Offerings(db).AsNoTracking().Where(o => o.Id == id))
            .FirstOrDefaultAsync(cancellationToken);
        return offering is null ? ManagementInput.NotFound("offering") : TypedResults.Ok(AdminOfferingDto.From(offering, scope.Today));
    }

    public static async Task<Results<Ok<AdminOfferingDto>, ValidationProblem, ProblemHttpResult>> UpdateOffering(
        Guid id, OfferingInput input, [FromHeader(Name = "If-Match")] string? ifMatch, ClaimsPrincipal user, WijzerDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var scope = ManagementScope.For(user, clock);
        await using var write = await AuditedWrite.BeginAsync(db, scope.Caller, clock, cancellationToken);
        var offering = await LoadForChangeAsync(id, scope, db, cancellationToken);
        if (offering is null)
        {
            return ManagementInput.NotFound("offering");
        }

        var before = AdminOfferingDto.From(offering, scope.Today);
        if (!ManagementETag.Allows(ifMatch, before.ETag))
        {
            return ManagementETag.ChangedMeanwhile("offering");
        }

        var errors = new ValidationErrors();
        if (input.ProviderId is { } providerId && providerId != offering.ProviderId)
        {
            errors.Add("providerId", ErrorCodes.NotAllowed, "An offering stays with its provider: leave providerId out, or create a new offering for the other provider.");
        }

        var fields = await AdminOfferingInput.ReadFieldsAsync(input, offering.ProviderId, db, errors, cancellationToken);
        var desired = await AdminOfferingInput.ReadMunicipalitiesAsync(input.Municipalities, scope.Today, db, errors, cancellationToken);
        var open = offering.Contracts.Where(c => ContractHistory.IsOpen(c, scope.Today)).ToList();
        var openCodes = open.Select(c => c.MunicipalityCode).ToHashSet(StringComparer.Ordinal);
        foreach (var (index, municipality) in desired.Where(m => !openCodes.Contains(m.Municipality.Code) && !scope.ManagesRegion(m.Municipality.RegionCode)))
        {
            errors.Add($"municipalities[{index}]", AdminOfferingInput.OutsideRegions(scope, municipality));
        }

        if (!errors.IsEmpty || fields is null)
        {
            return ManagementInput.Invalid(errors);
        }

        var desiredCodes = desired.Select(m => m.Municipality.Code).ToHashSet(StringComparer.Ordinal);
        var regionOf = await ManagementScope.RegionOfAsync(db, openCodes, cancellationToken);
        foreach (var contract in open.Where(c => !desiredCodes.Contains(c.MunicipalityCode)
                     && scope.ManagesRegion(regionOf.GetValueOrDefault(c.MunicipalityCode, ""))))
        {
            ContractHistory.End(db, offering, contract, scope.Today);
        }

        foreach (var code in desiredCodes.Where(c => !openCodes.Contains(c)))
        {
            offering.Contracts.Add(new Contract { OfferingId = offering.Id, MunicipalityCode = code, ValidFrom = scope.Today });
        }

        // Contracted elsewhere too: the caller changes its own municipalities' contracts only, another region the rest.
        var deciding = await scope.OtherRegionsDecidingAsync([offering], db, cancellationToken);
        fields.ApplyTo(offering);
        var wanted = fields.Locations.Select(l => l.Id).ToHashSet();
        offering.Locations.RemoveAll(l => !wanted.Contains(l.Id));
        offering.Locations.AddRange(fields.Locations.Where(l => offering.Locations.All(existing => existing.Id != l.Id)).ToList());
        if (deciding.Count > 0 && !AdminOfferingDto.SameBesidesContracts(before, AdminOfferingDto.From(offering, scope.Today)))
        {
            return ManagementScope.OtherRegionDecides("offering", deciding);
        }

        offering.UpdatedAt = write.Now;
        write.Record(AuditEntities.Offering, offering.Id, AuditActions.Update, before, AdminOfferingDto.From(offering, scope.Today));
        if (await write.CommitAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        return TypedResults.Ok(AdminOfferingDto.From(offering, scope.Today));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteOffering(
        Guid id, ClaimsPrincipal user, WijzerDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var scope = ManagementScope.For(user, clock);
        await using var write = await AuditedWrite.BeginAsync(db, scope.Caller, clock, cancellationToken);
        var offering = await LoadForChangeAsync(id, scope, db, cancellationToken);
        if (offering is null)
        {
            return ManagementInput.NotFound("offering");
        }

        if (await scope.OpenContractsElsewhereAsync([offering], db, cancellationToken) is { Count: > 0 } elsewhere)
        {
            return ManagementScope.ContractedElsewhere("offering", elsewhere);
        }

        write.Record(AuditEntities.Offering, offering.Id, AuditActions.Delete, AdminOfferingDto.From(offering, scope.Today), null);
        ContractHistory.SoftDelete(db, offering, write.Now, scope.Today);
        if (await write.CommitAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        return TypedResults.NoContent();
    }

    /// <summary>The offering, locked for this transaction and tracked with its contracts and locations; null when not in scope.</summary>
    private static async Task<Offering?> LoadForChangeAsync(Guid id, ManagementScope scope, WijzerDbContext db, CancellationToken cancellationToken)
    {
        if (!await scope.Offerings(db).AnyAsync(o => o.Id == id, cancellationToken))
        {
            return null;
        }

        await ManagementInput.LockOfferingAsync(db, id, cancellationToken);
        return await db.Offerings
            .Include(o => o.Contracts)
            .Include(o => o.Locations)
            .AsSplitQuery()
            .FirstOrDefaultAsync(o => o.Id == id && o.DeletedAt == null, cancellationToken);
    }
}
