using System.Linq.Expressions;
using System.Security.Claims;
using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Infrastructure.Auth;
using BeschikbaarheidsWijzer.Domain.Access;
using BeschikbaarheidsWijzer.Domain.Contracts;
using BeschikbaarheidsWijzer.Domain.Weeks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Shared.Management;

/// <summary>
/// What a management caller may see and change. An admin: everything. A region manager: a provider whose
/// <see cref="Provider.RegionCodes"/> name one of its regions, or that has a live offering with a contract valid today in
/// a municipality of one of its regions — and that provider's locations, offerings and keys. Anything else does not exist
/// for it (404, never 403, so existence is not revealed). Deleted providers and offerings are out of everyone's scope.
/// </summary>
public sealed class ManagementScope
{
    private readonly List<string> _regions;

    public ManagementScope(ApiCaller caller, DateOnly today)
    {
        Caller = caller;
        Today = today;
        _regions = caller.RegionCodes.Order(StringComparer.Ordinal).ToList();
    }

    public ApiCaller Caller { get; }

    /// <summary>Today in Europe/Amsterdam: contracts are judged on this date.</summary>
    public DateOnly Today { get; }

    public bool IsAdmin => Caller.IsAdmin;

    /// <summary>The regions a region manager manages (empty for an admin, who manages all).</summary>
    public IReadOnlyList<string> Regions => _regions;

    public static ManagementScope For(ClaimsPrincipal user, TimeProvider clock) =>
        new(ApiCaller.From(user), IsoWeek.ToAmsterdamDate(clock.GetUtcNow()));

    /// <summary>Whether the caller may add or end contracts, or name providers, in this region.</summary>
    public bool ManagesRegion(string regionCode) => Caller.ManagesRegion(regionCode);

    /// <summary>
    /// The municipalities outside this caller's regions where one of <paramref name="offerings"/> is contracted today or
    /// later, in code order: a region manager may not end those by deleting; another region's contract manager decides there.
    /// </summary>
    public async Task<List<string>> OpenContractsElsewhereAsync(IEnumerable<Offering> offerings, WijzerDbContext db, CancellationToken cancellationToken)
    {
        if (IsAdmin)
        {
            return [];
        }

        var regionOf = await OpenContractRegionsAsync(offerings, db, cancellationToken);
        return regionOf.Where(c => !ManagesRegion(c.Value)).Select(c => c.Key).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The regions other than the caller's where one of <paramref name="offerings"/> (contracts loaded) is contracted today
    /// or later (<see cref="RegionScopeRule"/>): there another region decides.
    /// </summary>
    public async Task<IReadOnlyList<string>> OtherRegionsDecidingAsync(IEnumerable<Offering> offerings, WijzerDbContext db, CancellationToken cancellationToken) =>
        IsAdmin ? [] : RegionScopeRule.OtherRegionsDeciding((await OpenContractRegionsAsync(offerings, db, cancellationToken)).Values, _regions, IsAdmin);

    /// <summary>The municipalities where <paramref name="offerings"/> are contracted today or later, each with its region.</summary>
    private async Task<Dictionary<string, string>> OpenContractRegionsAsync(IEnumerable<Offering> offerings, WijzerDbContext db, CancellationToken cancellationToken)
    {
        var codes = offerings.SelectMany(o => o.Contracts).Where(c => ContractValidity.IsOpenOn(c.ValidTo, Today))
            .Select(c => c.MunicipalityCode).Distinct(StringComparer.Ordinal).ToList();
        var regionOf = await RegionOfAsync(db, codes, cancellationToken);
        return codes.ToDictionary(c => c, c => regionOf.GetValueOrDefault(c, ""), StringComparer.Ordinal);
    }

    /// <summary>The same over all of a provider's live offerings: whether the caller may change the provider's fields and keys.</summary>
    public async Task<IReadOnlyList<string>> OtherRegionsDecidingOverProviderAsync(Guid providerId, WijzerDbContext db, CancellationToken cancellationToken)
    {
        if (IsAdmin)
        {
            return [];
        }

        var open = ValidityQueries.OpenOn<Contract>(Today);
        var regions = await db.Contracts.AsNoTracking().Where(open)
            .Where(c => c.Offering!.ProviderId == providerId && c.Offering.DeletedAt == null)
            .Select(c => c.Municipality!.RegionCode).Distinct().ToListAsync(cancellationToken);
        return RegionScopeRule.OtherRegionsDeciding(regions, _regions, IsAdmin);
    }

    /// <summary>
    /// 403 for a change another region decides: <c>code</c> <c>other-region</c> and the <c>regions</c> that decide, so a
    /// client can say in its own words whom to ask.
    /// </summary>
    public static ProblemHttpResult OtherRegionDecides(string what, IReadOnlyList<string> regions) =>
        TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Title = "Another region decides",
            Detail = $"This {what} is also contracted in {string.Join(", ", regions)}: only its contract manager (or an admin) may change it. " +
                     "You may change the contracts of your own municipalities.",
            Extensions = { ["code"] = OtherRegionCode, ["regions"] = regions },
        });

    public const string OtherRegionCode = "other-region";

    /// <summary>The region of each of these municipality codes.</summary>
    public static Task<Dictionary<string, string>> RegionOfAsync(WijzerDbContext db, IReadOnlyCollection<string> codes, CancellationToken cancellationToken) =>
        db.Municipalities.AsNoTracking().Where(m => codes.Contains(m.Code))
            .ToDictionaryAsync(m => m.Code, m => m.RegionCode, StringComparer.Ordinal, cancellationToken);

    /// <summary>The refusal of a delete that would end <see cref="OpenContractsElsewhereAsync"/>'s contracts.</summary>
    public static ProblemHttpResult ContractedElsewhere(string what, IReadOnlyList<string> municipalities) =>
        ManagementInput.Conflict($"This {what} is also contracted outside your regions ({string.Join(", ", municipalities.Take(10))}" +
                            $"{(municipalities.Count > 10 ? ", …" : "")}); deleting it would end those contracts. Take your own municipalities " +
                            "out of its offerings instead (PUT with the municipalities that remain), or ask an admin.");

    /// <summary>The live (not deleted) providers in scope.</summary>
    public IQueryable<Provider> Providers(WijzerDbContext db)
    {
        var providers = db.Providers.Where(p => p.DeletedAt == null);
        if (IsAdmin)
        {
            return providers;
        }

        if (Caller.Role != ApiKeyRole.RegionManager || _regions.Count == 0)
        {
            return providers.Where(p => false);
        }

        return providers.Where(InRegions(_regions, Today));
    }

    /// <summary>The providers in scope that belong to one region (see <see cref="InRegions"/>).</summary>
    public IQueryable<Provider> ProvidersIn(WijzerDbContext db, string regionCode) => Providers(db).Where(InRegions([regionCode], Today));

    /// <summary>
    /// A provider belongs to a region when its <see cref="Provider.RegionCodes"/> name it, or a live offering of it has a
    /// contract valid today in a municipality of the region.
    /// </summary>
    private static Expression<Func<Provider, bool>> InRegions(List<string> regions, DateOnly today)
    {
        var validToday = ValidityQueries.ValidOn<Contract>(today);
        return p => p.RegionCodes.Any(r => regions.Contains(r))
            || p.Offerings.Any(o => o.DeletedAt == null
                && o.Contracts.AsQueryable().Where(validToday).Any(c => regions.Contains(c.Municipality!.RegionCode)));
    }

    /// <summary>The live offerings of providers in scope.</summary>
    public IQueryable<Offering> Offerings(WijzerDbContext db)
    {
        var providers = Providers(db);
        return db.Offerings.Where(o => o.DeletedAt == null && providers.Any(p => p.Id == o.ProviderId));
    }

    public Task<bool> IncludesProviderAsync(WijzerDbContext db, Guid providerId, CancellationToken cancellationToken) =>
        Providers(db).AnyAsync(p => p.Id == providerId, cancellationToken);
}
