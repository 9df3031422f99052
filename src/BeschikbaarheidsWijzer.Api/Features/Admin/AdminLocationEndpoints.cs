using System.Linq.Expressions;
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

/// <summary>Vestigingen of a provider.</summary>
public static class AdminLocationEndpoints
{
    internal static RouteGroupBuilder MapAdminLocations(this RouteGroupBuilder admin)
    {
        admin.MapPost("/providers/{id:guid}/locations", CreateLocation).WithName("AdminCreateLocation").WithSummary("Add a location to a provider")
            .WithDescription("Without lat and lon the location gets the centre of its municipality.");
        admin.MapGet("/providers/{id:guid}/locations", ListLocations).WithName("AdminListLocations").WithSummary("A provider's locations")
            .WithDescription("By name, each with its eTag. Admin, or region-manager of one of the provider's regions (404 otherwise).");
        admin.MapGet("/providers/{id:guid}/locations/{locationId:guid}", GetLocation).WithName("AdminGetLocation").WithSummary("One location")
            .WithDescription("With its eTag; coordinates are null when the location has none of its own (search then uses the municipality's).");
        admin.MapPut("/providers/{id:guid}/locations/{locationId:guid}", UpdateLocation).WithName("AdminUpdateLocation").WithSummary("Replace a location")
            .WithDescription("Send If-Match with the eTag you read to have the PUT refused (412) when someone changed the location meanwhile.");
        admin.MapDelete("/providers/{id:guid}/locations/{locationId:guid}", DeleteLocation).WithName("AdminDeleteLocation")
            .WithSummary("Delete a location")
            .WithDescription("Only a location no offering uses any more can be deleted (409 otherwise).")
            .ProducesProblem(StatusCodes.Status409Conflict);
        return admin;
    }

    public static async Task<Results<Created<AdminLocationDto>, ValidationProblem, ProblemHttpResult>> CreateLocation(
        Guid id, LocationInput input, ClaimsPrincipal user, WijzerDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var scope = ManagementScope.For(user, clock);
        if (!await scope.IncludesProviderAsync(db, id, cancellationToken))
        {
            return ManagementInput.NotFound("provider");
        }

        var errors = new ValidationErrors();
        var fields = await ReadFieldsAsync(input, scope.Today, db, errors, cancellationToken);
        if (fields is null)
        {
            return ManagementInput.Invalid(errors);
        }

        await using var write = await AuditedWrite.BeginAsync(db, scope.Caller, clock, cancellationToken);
        var location = new Location { ProviderId = id, Name = fields.Name, City = fields.City, MunicipalityCode = fields.Municipality };
        fields.ApplyTo(location);
        db.Locations.Add(location);
        write.Record(AuditEntities.Location, location.Id, AuditActions.Create, null, ToDtoCompiled(location));
        if (await write.CommitAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        return TypedResults.Created($"{ManagementApi.Prefix}/providers/{id}/locations/{location.Id}", ToDtoCompiled(location));
    }

    public static async Task<Results<Ok<List<AdminLocationDto>>, ProblemHttpResult>> ListLocations(
        Guid id, ClaimsPrincipal user, WijzerDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await ManagementScope.For(user, clock).IncludesProviderAsync(db, id, cancellationToken))
        {
            return ManagementInput.NotFound("provider");
        }

        return TypedResults.Ok(await db.Locations.AsNoTracking()
            .Where(l => l.ProviderId == id)
            .OrderBy(l => l.Name).ThenBy(l => l.Id)
            .Select(ToDto)
            .ToListAsync(cancellationToken));
    }

    public static async Task<Results<Ok<AdminLocationDto>, ProblemHttpResult>> GetLocation(
        Guid id, Guid locationId, ClaimsPrincipal user, WijzerDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var providers = ManagementScope.For(user, clock).Providers(db);
        var location = await db.Locations.AsNoTracking()
            .Where(l => l.Id == locationId && l.ProviderId == id && providers.Any(p => p.Id == id))
            .Select(ToDto)
            .FirstOrDefaultAsync(cancellationToken);
        return location is null ? ManagementInput.NotFound("location") : TypedResults.Ok(location);
    }

    public static async Task<Results<Ok<AdminLocationDto>, ValidationProblem, ProblemHttpResult>> UpdateLocation(
        Guid id, Guid locationId, LocationInput input, [FromHeader(Name = "If-Match")] string? ifMatch, ClaimsPrincipal user, WijzerDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var scope = ManagementScope.For(user, clock);
        await using var write = await AuditedWrite.BeginAsync(db, scope.Caller, clock, cancellationToken);
        var location = await LoadForChangeAsync(id, locationId, scope, db, cancellationToken);
        if (location is null)
        {
            return ManagementInput.NotFound("location");
        }

        var before = ToDtoCompiled(location);
        if (!ManagementETag.Allows(ifMatch, before.ETag))
        {
            return ManagementETag.ChangedMeanwhile("location");
        }

        // Where a provider's offerings are given is shown for all of them: another region's parents read it too.
        if (await scope.OtherRegionsDecidingOverProviderAsync(id, db, cancellationToken) is { Count: > 0 } deciding)
        {
            return ManagementScope.OtherRegionDecides("provider", deciding);
        }

        var errors = new ValidationErrors();
        var fields = await ReadFieldsAsync(input, scope.Today, db, errors, cancellationToken);
        if (fields is null)
        {
            return ManagementInput.Invalid(errors);
        }

        fields.ApplyTo(location);
        write.Record(AuditEntities.Location, location.Id, AuditActions.Update, before, ToDtoCompiled(location));
        if (await write.CommitAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        return TypedResults.Ok(ToDtoCompiled(location));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteLocation(
        Guid id, Guid locationId, ClaimsPrincipal user, WijzerDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var scope = ManagementScope.For(user, clock);
        await using var write = await AuditedWrite.BeginAsync(db, scope.Caller, clock, cancellationToken);
        var location = await LoadForChangeAsync(id, locationId, scope, db, cancellationToken);
        if (location is null)
        {
            return ManagementInput.NotFound("location");
        }

        if (await scope.OtherRegionsDecidingOverProviderAsync(id, db, cancellationToken) is { Count: > 0 } deciding)
        {
            return ManagementScope.OtherRegionDecides("provider", deciding);
        }

        var usedBy = await db.Offerings
            .Where(o => o.DeletedAt == null && o.Locations.Any(l => l.Id == locationId))
            .OrderBy(o => o.Title)
            .Select(o => o.Title)
            .ToListAsync(cancellationToken);
        if (usedBy.Count > 0)
        {
            return ManagementInput.Conflict(
                $"This location is still used by {usedBy.Count} offering(s) ({string.Join(", ", usedBy.Take(5))}). Remove it from them first.");
        }

        db.Locations.Remove(location);
        write.Record(AuditEntities.Location, location.Id, AuditActions.Delete, ToDtoCompiled(location), null);
        if (await write.CommitAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        return TypedResults.NoContent();
    }

    /// <summary>The location of a provider in scope, tracked, with its provider locked for this transaction; null when not in scope.</summary>
    private static async Task<Location?> LoadForChangeAsync(Guid providerId, Guid locationId, ManagementScope scope, WijzerDbContext db, CancellationToken cancellationToken)
    {
        await ManagementInput.LockProviderAsync(db, providerId, cancellationToken);
        var providers = scope.Providers(db);
        return await db.Locations
            .Where(l => l.Id == locationId && l.ProviderId == providerId && providers.Any(p => p.Id == providerId))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The checked fields, or null with the errors filled in.</summary>
    private static async Task<LocationFields?> ReadFieldsAsync(
        LocationInput input, DateOnly today, WijzerDbContext db, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var name = ManagementInput.RequiredText(errors, "name", input.Name, FieldLimits.NameLength);
        var street = ManagementInput.OptionalText(errors, "street", input.Street, FieldLimits.StreetLength);
        var city = ManagementInput.RequiredText(errors, "city", input.City, FieldLimits.CityLength);
        var postcodeText = ManagementInput.OptionalText(errors, "postcode", input.Postcode, 20);
        string? postcode = null;
        if (postcodeText is not null && !DutchCodes.TryNormalisePostcode(postcodeText, out postcode))
        {
            errors.Add("postcode", CommonProblems.PostcodeFormat);
        }

        var municipalityText = ManagementInput.RequiredText(errors, "municipality", input.Municipality, 20);
        Municipality? municipality = null;
        if (municipalityText is not null)
        {
            if (!DutchCodes.TryNormaliseMunicipalityCode(municipalityText, out var code))
            {
                errors.Add("municipality", CommonProblems.MunicipalityCodeFormat);
            }
            else
            {
                municipality = await db.Municipalities.AsNoTracking().FirstOrDefaultAsync(m => m.Code == code, cancellationToken);
                if (CommonProblems.MunicipalityNotInUse(code, municipality is not null, municipality?.ValidTo, today) is { } problem)
                {
                    errors.Add("municipality", problem);
                    municipality = null;
                }
            }
        }

        if (input.Lat is { } lat && lat is not (>= -90 and <= 90))
        {
            errors.Add("lat", CommonProblems.NumberRange(-90, 90, "A latitude from -90 to 90."));
        }

        if (input.Lon is { } lon && lon is not (>= -180 and <= 180))
        {
            errors.Add("lon", CommonProblems.NumberRange(-180, 180, "A longitude from -180 to 180."));
        }

        if ((input.Lat is null) != (input.Lon is null))
        {
            errors.Add(input.Lat is null ? "lat" : "lon", CommonProblems.Together("Give both lat and lon, or neither (then the municipality's centre is used).", "lat", "lon"));
        }

        if (!errors.IsEmpty || municipality is null)
        {
            return null;
        }

        return new LocationFields(name!, street, postcode, city!, municipality.Code,
            input.Lat ?? municipality.Latitude, input.Lon ?? municipality.Longitude);
    }

    internal static readonly Expression<Func<Location, AdminLocationDto>> ToDto = l => new AdminLocationDto(
        l.Id, l.ProviderId, l.Name, l.Street, l.Postcode, l.City, l.MunicipalityCode, l.Latitude, l.Longitude);

    private static readonly Func<Location, AdminLocationDto> ToDtoCompiled = ToDto.Compile();

    private sealed record LocationFields(string Name, string? Street, string? Postcode, string City, string Municipality, double Lat, double Lon)
    {
        public void ApplyTo(Location location)
        {
            location.Name = Name;
            location.Street = Street;
            location.Postcode = Postcode;
            location.City = City;
            location.MunicipalityCode = Municipality;
            location.Latitude = Lat;
            location.Longitude = Lon;
        }
    }
}

/// <summary>A location's details. <c>municipality</c>: CBS code (GMxxxx). Without <c>lat</c>/<c>lon</c> the municipality's centre is used.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record LocationInput(
    string? Name,
    string? City,
    string? Municipality,
    string? Street = null,
    string? Postcode = null,
    double? Lat = null,
    double? Lon = null);

public sealed record AdminLocationDto(
    Guid Id,
    Guid ProviderId,
    string Name,
    string? Street,
    string? Postcode,
    string City,
    string Municipality,
    double? Lat,
    double? Lon)
{
    /// <summary>Send as <c>If-Match</c> with a PUT to have it refused (412) when someone changed this meanwhile.</summary>
    public string ETag => ManagementETag.Of(this);
}
