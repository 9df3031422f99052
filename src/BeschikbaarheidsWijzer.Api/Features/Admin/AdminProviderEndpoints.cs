using System.Linq.Expressions;
using System.Security.Claims;
using System.Text.Json.Serialization;
using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Shared.Audit;
using BeschikbaarheidsWijzer.Api.Shared.Management;
using BeschikbaarheidsWijzer.Api.Shared.Reference;
using BeschikbaarheidsWijzer.Domain.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Features.Admin;

/// <summary>Zorgaanbieders: create, read, replace and (softly) delete.</summary>
public static class AdminProviderEndpoints
{
    internal static RouteGroupBuilder MapAdminProviders(this RouteGroupBuilder admin)
    {
        admin.MapPost("/providers", CreateProvider).WithName("AdminCreateProvider").WithSummary("Add a provider")
            .WithDescription("A region manager may only name its own regions, and gets its own regions when it names none.");
        admin.MapGet("/providers", ListProviders).WithName("AdminListProviders").WithSummary("Providers you manage, by name")
            .WithDescription("region (optional): only providers of that region: named in their regions, or with a live offering contracted " +
                             "there today. Another region than a region manager's own is 403.");
        admin.MapGet("/providers/{id:guid}", GetProvider).WithName("AdminGetProvider").WithSummary("One provider")
            .WithDescription("Admin, or region-manager of one of its regions (404 otherwise). With its eTag, to send as If-Match when changing it.");
        admin.MapPut("/providers/{id:guid}", UpdateProvider).WithName("AdminUpdateProvider").WithSummary("Replace a provider's details")
            .WithDescription("Every field is replaced; a field left out becomes empty. A region manager's PUT leaves regions other than its own as they are. " +
                             "Send If-Match with the eTag you read to have the PUT refused (412) when someone changed the provider meanwhile.");
        admin.MapDelete("/providers/{id:guid}", DeleteProvider).WithName("AdminDeleteProvider").WithSummary("Delete a provider")
            .WithDescription("Soft delete: the provider and its offerings leave every list and search, their contracts end and its API keys are revoked. Report history stays. A region manager gets 409 when one of its offerings is also contracted outside its regions.");
        return admin;
    }

    public static async Task<Results<Created<AdminProviderDto>, ValidationProblem, ProblemHttpResult>> CreateProvider(
        ProviderInput input, ClaimsPrincipal user, WijzerDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var scope = ManagementScope.For(user, clock);
        var errors = new ValidationErrors();
        var fields = ReadFields(input, errors);
        var regions = await ReadRegionsAsync(input.Regions, scope, db, errors, cancellationToken);
        if (!errors.IsEmpty)
        {
            return ManagementInput.Invalid(errors);
        }

        await using var write = await AuditedWrite.BeginAsync(db, scope.Caller, clock, cancellationToken);
        var provider = new Provider
        {
            Name = fields.Name,
            RegionCodes = regions is { Count: > 0 } ? regions : scope.IsAdmin ? [] : [.. scope.Regions],
            CreatedAt = write.Now,
            UpdatedAt = write.Now,
        };
        fields.ApplyTo(provider);
        db.Providers.Add(provider);
        write.Record(AuditEntities.Provider, provider.Id, AuditActions.Create, null, ToDtoCompiled(provider));
        if (await write.CommitAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        return TypedResults.Created($"{ManagementApi.Prefix}/providers/{provider.Id}", ToDtoCompiled(provider));
    }

    public static async Task<Results<Ok<AdminPage<AdminProviderDto>>, ValidationProblem, ProblemHttpResult>> ListProviders(
        [AsParameters] ProviderListQuery query, ClaimsPrincipal user, WijzerDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var scope = ManagementScope.For(user, clock);
        var errors = new ValidationErrors();
        var (region, refusal) = query.Region is null
            ? (null, null)
            : await ReferenceParameters.ManagedRegionAsync(query.Region, "region", scope, db, errors, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!ManagementInput.TryReadPaging(new PageQuery(query.Page, query.PageSize), errors, out var page, out var pageSize) || !errors.IsEmpty)
        {
            return ManagementInput.InvalidQuery(errors);
        }

        var providers = (region is null ? scope.Providers(db) : scope.ProvidersIn(db, region)).AsNoTracking();
        var total = await providers.CountAsync(cancellationToken);
        var items = await providers
            .OrderBy(p => p.Name).ThenBy(p => p.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(ToDto)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new AdminPage<AdminProviderDto>(items, page, pageSize, total));
    }

    public static async Task<Results<Ok<AdminProviderDto>, ProblemHttpResult>> GetProvider(
        Guid id, ClaimsPrincipal user, WijzerDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var provider = await ManagementScope.For(user, clock).Providers(db).AsNoTracking()
            .Where(p => p.Id == id)
            .Select(ToDto)
            .FirstOrDefaultAsync(cancellationToken);
        return provider is null ? ManagementInput.NotFound("provider") : TypedResults.Ok(provider);
    }

    public static async Task<Results<Ok<AdminProviderDto>, ValidationProblem, ProblemHttpResult>> UpdateProvider(
        Guid id, ProviderInput input, [FromHeader(Name = "If-Match")] string? ifMatch, ClaimsPrincipal user, WijzerDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var scope = ManagementScope.For(user, clock);
        await using var write = await AuditedWrite.BeginAsync(db, scope.Caller, clock, cancellationToken);
        await ManagementInput.LockProviderAsync(db, id, cancellationToken);
        var provider = await scope.Providers(db).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (provider is null)
        {
            return ManagementInput.NotFound("provider");
        }

        var before = ToDtoCompiled(provider);
        if (!ManagementETag.Allows(ifMatch, before.ETag))
        {
            return ManagementETag.ChangedMeanwhile("provider");
        }

        if (await scope.OtherRegionsDecidingOverProviderAsync(id, db, cancellationToken) is { Count: > 0 } deciding)
        {
            return ManagementScope.OtherRegionDecides("provider", deciding);
        }

        var errors = new ValidationErrors();
        var fields = ReadFields(input, errors);
        var regions = await ReadRegionsAsync(input.Regions, scope, db, errors, cancellationToken);
        if (!errors.IsEmpty)
        {
            return ManagementInput.Invalid(errors);
        }

        fields.ApplyTo(provider);
        provider.RegionCodes = scope.IsAdmin
            ? regions ?? []
            : provider.RegionCodes.Where(r => !scope.ManagesRegion(r))
                .Concat(regions is { Count: > 0 } ? regions : scope.Regions)
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        provider.UpdatedAt = write.Now;
        write.Record(AuditEntities.Provider, provider.Id, AuditActions.Update, before, ToDtoCompiled(provider));
        if (await write.CommitAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        return TypedResults.Ok(ToDtoCompiled(provider));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteProvider(
        Guid id, ClaimsPrincipal user, WijzerDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var scope = ManagementScope.For(user, clock);
        await using var write = await AuditedWrite.BeginAsync(db, scope.Caller, clock, cancellationToken);
        await ManagementInput.LockProviderAsync(db, id, cancellationToken);
        var provider = await scope.Providers(db).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (provider is null)
        {
            return ManagementInput.NotFound("provider");
        }

        var offerings = await db.Offerings.Include(o => o.Contracts).Include(o => o.Locations).AsSplitQuery()
            .Where(o => o.ProviderId == id && o.DeletedAt == null)
            .ToListAsync(cancellationToken);
        if (await scope.OpenContractsElsewhereAsync(offerings, db, cancellationToken) is { Count: > 0 } elsewhere)
        {
            return ManagementScope.ContractedElsewhere("provider", elsewhere);
        }

        write.Record(AuditEntities.Provider, provider.Id, AuditActions.Delete, ToDtoCompiled(provider), null);
        provider.DeletedAt = write.Now;
        provider.UpdatedAt = write.Now;
        foreach (var offering in offerings)
        {
            write.Record(AuditEntities.Offering, offering.Id, AuditActions.Delete, AdminOfferingDto.From(offering, scope.Today), null);
            ContractHistory.SoftDelete(db, offering, write.Now, scope.Today);
        }

        await db.ApiKeys.Where(k => k.ProviderId == id && k.RevokedAt == null)
            .ForEachAsync(k => AdminApiKeyEndpoints.Revoke(write, k), cancellationToken);
        if (await write.CommitAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        return TypedResults.NoContent();
    }

    private static ProviderFields ReadFields(ProviderInput input, ValidationErrors errors)
    {
        var name = ManagementInput.RequiredText(errors, "name", input.Name, FieldLimits.NameLength);
        var kvk = ManagementInput.OptionalFormatted(errors, "kvkNumber", input.KvkNumber, 8,
            t => DutchCodes.IsKvkNumber(t) ? null : FieldProblem.Format("kvk", "A KvK number is exactly 8 digits."));
        var agb = ManagementInput.OptionalFormatted(errors, "agbCode", input.AgbCode, 8,
            t => DutchCodes.IsAgbCode(t) ? null : FieldProblem.Format("agb", "An AGB code is exactly 8 digits."));
        var website = ManagementInput.OptionalFormatted(errors, "website", input.Website, ContactRules.MaxWebsiteLength, ContactRules.FindWebsiteProblem);
        var phone = ManagementInput.OptionalFormatted(errors, "phone", input.Phone, ContactRules.MaxPhoneLength, ContactRules.FindPhoneProblem);
        var email = ManagementInput.OptionalFormatted(errors, "email", input.Email, ContactRules.MaxEmailLength, ContactRules.FindEmailProblem);
        var description = ManagementInput.OptionalText(errors, "description", input.Description, FieldLimits.DescriptionLength, allowLineBreaks: true);
        return new ProviderFields(name ?? "", kvk, agb, website, phone, email, description);
    }

    /// <summary>
    /// The region codes named, checked to exist and, for a region manager, to be its own. Null when none were named.
    /// </summary>
    private static async Task<List<string>?> ReadRegionsAsync(
        List<string?>? values, ManagementScope scope, WijzerDbContext db, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var codes = ManagementInput.ReadCodes(errors, "regions", values, 20, v => v.Trim().ToLowerInvariant(), FieldProblem.Unknown("region", "Not a region code."));
        if (codes is null || codes.Count == 0)
        {
            return null;
        }

        var names = codes.Select(c => c.Code).ToList();
        var known = await db.Regions.Where(r => names.Contains(r.Code)).Select(r => r.Code).ToListAsync(cancellationToken);
        var all = known.Count == names.Count ? null : await db.Regions.OrderBy(r => r.Code).Select(r => r.Code).ToListAsync(cancellationToken);
        foreach (var (index, code) in codes)
        {
            if (!known.Contains(code))
            {
                errors.Add($"regions[{index}]", CommonProblems.UnknownRegion(all!));
            }
            else if (!scope.ManagesRegion(code))
            {
                errors.Add($"regions[{index}]", ErrorCodes.NotYours, $"You can only name your own regions: {string.Join(", ", scope.Regions)}.", ("regions", scope.Regions));
            }
        }

        return names.Order(StringComparer.Ordinal).ToList();
    }

    internal static readonly Expression<Func<Provider, AdminProviderDto>> ToDto = p => new AdminProviderDto(
        p.Id, p.Name, p.KvkNumber, p.AgbCode, p.Website, p.Phone, p.Email, p.Description, p.RegionCodes, p.CreatedAt, p.UpdatedAt);

    private static readonly Func<Provider, AdminProviderDto> ToDtoCompiled = ToDto.Compile();

    private sealed record ProviderFields(string Name, string? KvkNumber, string? AgbCode, string? Website, string? Phone, string? Email, string? Description)
    {
        public void ApplyTo(Provider provider)
        {
            provider.Name = Name;
            provider.KvkNumber = KvkNumber;
            provider.AgbCode = AgbCode;
            provider.Website = Website;
            provider.Phone = Phone;
            provider.Email = Email;
            provider.Description = Description;
        }
    }
}

/// <summary>The provider list's query: an optional region, and paging.</summary>
public sealed record ProviderListQuery(
    [FromQuery(Name = "region")] string? Region,
    [FromQuery(Name = "page")] string? Page,
    [FromQuery(Name = "pageSize")] string? PageSize);

/// <summary>A provider's editable details. <c>regions</c>: region codes whose managers manage it.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ProviderInput(
    string? Name,
    string? KvkNumber = null,
    string? AgbCode = null,
    string? Website = null,
    string? Phone = null,
    string? Email = null,
    string? Description = null,
    List<string?>? Regions = null);

public sealed record AdminProviderDto(
    Guid Id,
    string Name,
    string? KvkNumber,
    string? AgbCode,
    string? Website,
    string? Phone,
    string? Email,
    string? Description,
    List<string> Regions,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Send as <c>If-Match</c> with a PUT to have it refused (412) when someone changed this meanwhile.</summary>
    public string ETag => ManagementETag.Of(this);
}
