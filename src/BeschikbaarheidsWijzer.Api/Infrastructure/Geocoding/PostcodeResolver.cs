using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Domain.Geo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BeschikbaarheidsWijzer.Api.Infrastructure.Geocoding;

/// <summary>
/// Postcode → municipality and coordinates: from the PostgreSQL cache (<c>postcode_locations</c>) when it has a fresh
/// answer, else from the geocoder, whose found answers are stored. Not-found answers are not cached (new postcodes
/// should work as soon as PDOK knows them; abuse is bounded by the rate limiter), unavailable ones never. While the
/// geocoder is unavailable an expired cache entry still answers: a postcode hardly ever changes municipality.
/// </summary>
public sealed partial class PostcodeResolver(
    WijzerDbContext db, PdokGeocoder geocoder, TimeProvider clock, IOptions<GeocoderOptions> options, ILogger<PostcodeResolver> logger)
{
    /// <param name="postcode">Compact and upper case, e.g. <c>7001AB</c>.</param>
    public async Task<PostcodeLookup> ResolveAsync(string postcode, CancellationToken cancellationToken)
    {
        var cached = await db.PostcodeLocations.AsNoTracking().SingleOrDefaultAsync(p => p.Postcode == postcode, cancellationToken);
        var now = clock.GetUtcNow();
        if (cached is not null && now - cached.ResolvedAt < options.Value.CacheLifetime)
        {
            return ToFound(cached);
        }

        var answer = await geocoder.ResolvePostcodeAsync(postcode, cancellationToken);
        switch (answer)
        {
            case PostcodeLookup.Found found:
                await StoreAsync(postcode, found, now, cancellationToken);
                return found;
            case PostcodeLookup.Unavailable when cached is not null:
                LogServingExpired(logger, postcode, cached.ResolvedAt);
                return ToFound(cached);
            default:
                return answer;
        }
    }

    /// <summary>An upsert, so two searches resolving the same new postcode at once both succeed.</summary>
    private Task StoreAsync(string postcode, PostcodeLookup.Found found, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            insert into postcode_locations (postcode, municipality_code, latitude, longitude, resolved_at)
            values ({postcode}, {found.MunicipalityCode}, {found.Lat}, {found.Lon}, {now})
            on conflict (postcode) do update
            set municipality_code = excluded.municipality_code, latitude = excluded.latitude,
                longitude = excluded.longitude, resolved_at = excluded.resolved_at
            """, cancellationToken);

    private static PostcodeLookup.Found ToFound(PostcodeLocation cached) => new(cached.MunicipalityCode, cached.Latitude, cached.Longitude);

    [LoggerMessage(Level = LogLevel.Information, Message = "Geocoder unavailable: postcode {Postcode} answered from a cache entry of {ResolvedAt}")]
    private static partial void LogServingExpired(ILogger logger, string postcode, DateTimeOffset resolvedAt);
}
