using System.Security.Claims;
using System.Text.Json.Serialization;
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
        admin.MapGet("/offerings", ListOfferings).WithName("AdminListOfferings").WithSummary("Offerings you manage, by title");
        admin.MapGet("/offerings/{id:guid}", GetOffering).WithName("AdminGetOffering").WithSummary("One offering with its locations and contracted municipalities");
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

        var fields = await ReadFieldsAsync(input, providerId, db, errors, cancellationToken);
        var municipalities = await ReadMunicipalitiesAsync(input.Municipalities, scope.Today, db, errors, cancellationToken);
        foreach (var (index, municipality) in municipalities.Where(m => !scope.ManagesRegion(m.Municipality.RegionCode)))
        {
            errors.Add($"municipalities[{index}]", OutsideRegions(scope, municipality));
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
        write.Record(AuditEntities.Offering, offering.Id, AuditActions.Create, null, ToDto(offering, scope.Today));
        if (await write.CommitAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        return TypedResults.Created($"{ManagementApi.Prefix}/offerings/{offering.Id}", ToDto(offering, scope.Today));
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
        var items = await WithLocationsAndContracts(offerings
                .OrderBy(o => o.Title).ThenBy(o => o.Id)
                .Skip((page - 1) * pageSize).Take(pageSize))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new AdminPage<AdminOfferingDto>(items.Select(o => ToDto(o, scope.Today)).ToList(), page, pageSize, total));
    }

    public static async Task<Results<Ok<AdminOfferingDto>, ProblemHttpResult>> GetOffering(
        Guid id, ClaimsPrincipal user, WijzerDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var scope = ManagementScope.For(user, clock);
        var offering = await WithLocationsAndContracts(scope.Offerings(db).AsNoTracking().Where(o => o.Id == id))
            .FirstOrDefaultAsync(cancellationToken);
        return offering is null ? ManagementInput.NotFound("offering") : TypedResults.Ok(ToDto(offering, scope.Today));
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

        var before = ToDto(offering, scope.Today);
        if (!ManagementETag.Allows(ifMatch, before.ETag))
        {
            return ManagementETag.ChangedMeanwhile("offering");
        }

        var errors = new ValidationErrors();
        if (input.ProviderId is { } providerId && providerId != offering.ProviderId)
        {
            errors.Add("providerId", ErrorCodes.NotAllowed, "An offering stays with its provider: leave providerId out, or create a new offering for the other provider.");
        }

        var fields = await ReadFieldsAsync(input, offering.ProviderId, db, errors, cancellationToken);
        var desired = await ReadMunicipalitiesAsync(input.Municipalities, scope.Today, db, errors, cancellationToken);
        var open = offering.Contracts.Where(c => ContractHistory.IsOpen(c, scope.Today)).ToList();
        var openCodes = open.Select(c => c.MunicipalityCode).ToHashSet(StringComparer.Ordinal);
        foreach (var (index, municipality) in desired.Where(m => !openCodes.Contains(m.Municipality.Code) && !scope.ManagesRegion(m.Municipality.RegionCode)))
        {
            errors.Add($"municipalities[{index}]", OutsideRegions(scope, municipality));
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

        fields.ApplyTo(offering);
        var wanted = fields.Locations.Select(l => l.Id).ToHashSet();
        offering.Locations.RemoveAll(l => !wanted.Contains(l.Id));
        offering.Locations.AddRange(fields.Locations.Where(l => offering.Locations.All(existing => existing.Id != l.Id)).ToList());
        offering.UpdatedAt = write.Now;
        write.Record(AuditEntities.Offering, offering.Id, AuditActions.Update, before, ToDto(offering, scope.Today));
        if (await write.CommitAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        return TypedResults.Ok(ToDto(offering, scope.Today));
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

        write.Record(AuditEntities.Offering, offering.Id, AuditActions.Delete, ToDto(offering, scope.Today), null);
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

    /// <summary>Checks the offering's own fields; null (with errors) when any is wrong.</summary>
    private static async Task<OfferingFields?> ReadFieldsAsync(
        OfferingInput input, Guid? providerId, WijzerDbContext db, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var title = ManagementInput.RequiredText(errors, "title", input.Title, FieldLimits.TitleLength);
        var description = ManagementInput.OptionalText(errors, "description", input.Description, FieldLimits.DescriptionLength, allowLineBreaks: true);
        var referralInfo = ManagementInput.OptionalText(errors, "referralInfo", input.ReferralInfo, FieldLimits.ReferralInfoLength, allowLineBreaks: true);

        var careType = ManagementInput.RequiredText(errors, "careType", input.CareType, 64)?.ToLowerInvariant();
        if (careType is not null && !await db.CareTypes.AnyAsync(c => c.Code == careType, cancellationToken))
        {
            errors.Add("careType", CommonProblems.UnknownCareType());
        }

        if (input.AgeMin is null)
        {
            errors.Add("ageMin", FieldProblem.Required());
        }
        else if (input.AgeMin is < 0 or > FieldLimits.MaxAge)
        {
            errors.Add("ageMin", FieldProblem.Range(0, FieldLimits.MaxAge, $"An age from 0 to {FieldLimits.MaxAge}."));
        }

        if (input.AgeMax is null)
        {
            errors.Add("ageMax", FieldProblem.Required());
        }
        else if (input.AgeMax is < 0 or > FieldLimits.MaxAge)
        {
            errors.Add("ageMax", FieldProblem.Range(0, FieldLimits.MaxAge, $"An age from 0 to {FieldLimits.MaxAge}."));
        }
        else if (input.AgeMin is >= 0 and <= FieldLimits.MaxAge && input.AgeMin > input.AgeMax)
        {
            errors.Add("ageMax", ErrorCodes.LessThan, "Must be at least ageMin.", ("other", "ageMin"), ("min", input.AgeMin));
        }

        var tags = ManagementInput.ReadCodes(errors, "tags", input.Tags, FieldLimits.MaxTagsPerOffering, t => t.Trim().ToLowerInvariant(), FieldProblem.Unknown("tag", "Not a tag.")) ?? [];
        if (tags.Count > 0)
        {
            var names = tags.Select(t => t.Code).ToList();
            var known = await db.Tags.Where(t => names.Contains(t.Code)).Select(t => t.Code).ToListAsync(cancellationToken);
            foreach (var (index, tag) in tags.Where(t => !known.Contains(t.Code)))
            {
                errors.Add($"tags[{index}]", CommonProblems.UnknownTag(tag));
            }
        }

        var locations = new List<Location>();
        var locationIds = input.LocationIds ?? [];
        if (locationIds.Count > FieldLimits.MaxLocationsPerOffering)
        {
            errors.Add("locationIds", ErrorCodes.Count, $"At most {FieldLimits.MaxLocationsPerOffering} locations (this has {locationIds.Count}).", ("min", 0), ("max", FieldLimits.MaxLocationsPerOffering));
        }
        else if (locationIds.Count > 0 && providerId is { } owner)
        {
            locations = await db.Locations.Where(l => locationIds.Contains(l.Id) && l.ProviderId == owner).ToListAsync(cancellationToken);
            var seen = new HashSet<Guid>();
            for (var i = 0; i < locationIds.Count; i++)
            {
                if (!seen.Add(locationIds[i]))
                {
                    errors.Add($"locationIds[{i}]", CommonProblems.Duplicate());
                }
                else if (locations.All(l => l.Id != locationIds[i]))
                {
                    errors.Add($"locationIds[{i}]", FieldProblem.Unknown("location", "Not a location of this provider."));
                }
            }
        }

        return errors.IsEmpty
            ? new OfferingFields(title!, careType!, description, input.AgeMin!.Value, input.AgeMax!.Value, tags.Select(t => t.Code).ToList(), referralInfo, locations)
            : null;
    }

    /// <summary>The municipalities named (none when left out), each checked to exist today.</summary>
    private static async Task<List<(int Index, Municipality Municipality)>> ReadMunicipalitiesAsync(
        List<string?>? values, DateOnly today, WijzerDbContext db, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var codes = ManagementInput.ReadCodes(errors, "municipalities", values, FieldLimits.MaxMunicipalitiesPerOffering,
            v => DutchCodes.TryNormaliseMunicipalityCode(v, out var code) ? code : null,
            CommonProblems.MunicipalityCodeFormat) ?? [];
        if (codes.Count == 0)
        {
            return [];
        }

        var names = codes.Select(c => c.Code).ToList();
        var known = await db.Municipalities.AsNoTracking().Where(m => names.Contains(m.Code))
            .ToDictionaryAsync(m => m.Code, StringComparer.Ordinal, cancellationToken);
        var result = new List<(int, Municipality)>();
        foreach (var (index, code) in codes)
        {
            var municipality = known.GetValueOrDefault(code);
            if (CommonProblems.MunicipalityNotInUse(code, municipality is not null, municipality?.ValidTo, today) is { } problem)
            {
                errors.Add($"municipalities[{index}]", problem);
            }
            else
            {
                result.Add((index, municipality!));
            }
        }

        return result;
    }

    private static FieldProblem OutsideRegions(ManagementScope scope, Municipality municipality) =>
        FieldProblem.Of(ErrorCodes.NotYours,
            $"{municipality.Code} lies in region {municipality.RegionCode}; you can only contract municipalities in your own regions ({string.Join(", ", scope.Regions)}).",
            ("regions", scope.Regions));

    /// <summary>
    /// What <see cref="ToDto"/> reads, loaded with the offering. The one mapping for reads and writes alike: the entity tag
    /// is a hash of the DTO, so two mappings that ordered a list differently would give one offering two tags.
    /// </summary>
    private static IQueryable<Offering> WithLocationsAndContracts(IQueryable<Offering> offerings) =>
        offerings.Include(o => o.Locations).Include(o => o.Contracts).AsSplitQuery();

    /// <summary>The DTO from an offering with its locations and contracts loaded (<see cref="WithLocationsAndContracts"/>).</summary>
    internal static AdminOfferingDto ToDto(Offering o, DateOnly today) => new(
        o.Id,
        o.ProviderId,
        o.Title,
        o.CareTypeCode,
        o.Description,
        o.AgeMin,
        o.AgeMax,
        o.Tags,
        o.ReferralInfo,
        o.Locations.OrderBy(l => l.Name, StringComparer.Ordinal).ThenBy(l => l.Id).Select(l => l.Id).ToList(),
        o.Contracts.Where(c => ContractHistory.IsOpen(c, today)).Select(c => c.MunicipalityCode).Distinct().Order(StringComparer.Ordinal).ToList(),
        o.CreatedAt,
        o.UpdatedAt);

    private sealed record OfferingFields(
        string Title, string CareType, string? Description, int AgeMin, int AgeMax, List<string> Tags, string? ReferralInfo, List<Location> Locations)
    {
        public void ApplyTo(Offering offering)
        {
            offering.Title = Title;
            offering.CareTypeCode = CareType;
            offering.Description = Description;
            offering.AgeMin = AgeMin;
            offering.AgeMax = AgeMax;
            offering.Tags = Tags;
            offering.ReferralInfo = ReferralInfo;
        }
    }
}

/// <summary>
/// An offering. <c>careType</c>: a code from GET /api/v1/care-types; <c>tags</c>: from GET /api/v1/tags;
/// <c>locationIds</c>: locations of the same provider; <c>municipalities</c>: CBS codes it is contracted for.
/// <c>providerId</c> is required to create; on a replace it may be left out (an offering never changes provider).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record OfferingInput(
    string? Title,
    string? CareType,
    int? AgeMin,
    int? AgeMax,
    Guid? ProviderId = null,
    string? Description = null,
    List<string?>? Tags = null,
    string? ReferralInfo = null,
    List<Guid>? LocationIds = null,
    List<string?>? Municipalities = null);

public sealed record OfferingListQuery(string? ProviderId, string? Page, string? PageSize);

public sealed record AdminOfferingDto(
    Guid Id,
    Guid ProviderId,
    string Title,
    string CareType,
    string? Description,
    int AgeMin,
    int AgeMax,
    List<string> Tags,
    string? ReferralInfo,
    List<Guid> LocationIds,
    List<string> Municipalities,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Send as <c>If-Match</c> with a PUT to have it refused (412) when someone changed this meanwhile.</summary>
    public string ETag => ManagementETag.Of(this);
}
