using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Infrastructure.Configuration;
using BeschikbaarheidsWijzer.Api.Shared.Availability;
using BeschikbaarheidsWijzer.Domain.Norms;
using BeschikbaarheidsWijzer.Domain.Search;
using BeschikbaarheidsWijzer.Domain.Weeks;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BeschikbaarheidsWijzer.Api.Features.Search;

/// <summary>
/// Runs searches on the in-memory <see cref="OfferingIndex"/>, refreshed once per request (see <see cref="SearchIndexStore"/>).
/// Which norm applies is decided by the domain's <see cref="NormResolver"/> per care type for the region and date; free
/// text is the one thing PostgreSQL decides (Dutch full-text search and trigram similarity, through their indexes). Reads go
/// to the read-only database (a replica when configured).
/// </summary>
public sealed class OfferingSearch(ReadOnlyWijzerDbContext db, SearchIndexStore store, TimeProvider clock, IConfiguration configuration)
{
    /// <summary>How alike a typed name must be to a provider's name or an offering's title (pg_trgm word similarity).</summary>
    public const double TypoTolerance = 0.45;

    /// <summary>
    /// Offerings matching the text (<c>$1</c>) by Dutch full text or a title like it, and providers with a name like it; the
    /// trigram operators use <c>pg_trgm.word_similarity_threshold</c>, set to <see cref="TypoTolerance"/> beforehand.
    /// </summary>
    public const string TextMatchSql = """
        select o.id, false from offerings o
        where o.deleted_at is null and (o.search_vector @@ websearch_to_tsquery('dutch', $1) or $1 <% o.title)
        union all
        select p.id, true from providers p where p.deleted_at is null and $1 <% p.name
        """;

    // This service lives for one request: one refresh of the index however many searches the request runs.
    private SearchIndexSnapshot? _snapshot;

    public async Task<SearchIndexSnapshot> GetIndexAsync(CancellationToken cancellationToken) =>
        _snapshot ??= await store.GetFreshAsync(cancellationToken);

    public async Task<(List<OfferingSummaryDto> Items, int Total, SearchFacets Facets)> RunAsync(SearchCriteria criteria, CancellationToken cancellationToken)
    {
        var snapshot = await GetIndexAsync(cancellationToken);
        Func<Guid, Guid, bool>? textMatch = null;
        if (criteria.Text is { } text)
        {
            var matches = store.FindTextMatches(text, snapshot.TextGeneration);
            if (matches is null)
            {
                matches = await MatchTextAsync(text, cancellationToken);
                store.KeepTextMatches(text, snapshot.TextGeneration, matches);
            }

            textMatch = (offering, provider) => matches.Offerings.Contains(offering) || matches.Providers.Contains(provider);
        }

        var context = Context(snapshot, criteria.RegionCode, textMatch);
        var outcome = snapshot.Index.Search(criteria, context);
        var statuses = outcome.NormStatuses;
        var facets = new SearchFacets(
            outcome.CareTypes.Select(c => new CareTypeFacet(c.Code, c.Count)).ToList(),
            new NormStatusFacet(statuses.Within, statuses.Partial, statuses.Exceeded, statuses.Unknown),
            outcome.Tags.Select(t => new TagFacet(t.Code, t.Count)).ToList());
        return (outcome.Page.Select(m => ToSummary(m, snapshot, context.Now)).ToList(), outcome.Total, facets);
    }

    public static OfferingSummaryDto ToSummary(OfferingMatch match, SearchIndexSnapshot snapshot, DateTimeOffset now)
    {
        var o = match.Offering;
        return new OfferingSummaryDto(
            o.Id,
            o.Title,
            new ProviderRef(o.ProviderId, o.ProviderName, o.ProviderPhone, o.ProviderEmail),
            new CareTypeRef(o.CareTypeCode, snapshot.CareTypes.TryGetValue(o.CareTypeCode, out var careType) ? careType.Name : o.CareTypeCode),
            o.AgeMin,
            o.AgeMax,
            o.Tags,
            new OfferingLocationDto(match.Nearest?.City, match.Nearest?.MunicipalityCode, match.DistanceKm is { } d ? Math.Round(d, 1) : null),
            o.Current is { } current ? AvailabilityContracts.ToAvailability(current, match.Stale, match.AvailableNow) : null,
            match.Norm is { } norm ? AvailabilityContracts.ToNormDto(norm) : null,
            match.NormStatus,
            PhaseDto.Of(match.Verdict),
            ReportingDto.From(o.ReportedWeeks.RateAsOf(IsoWeek.FromInstant(now).Monday)));
    }

    public SearchContext Context(SearchIndexSnapshot snapshot, string? regionCode, Func<Guid, Guid, bool>? textMatch = null)
    {
        var now = clock.GetUtcNow();
        var today = IsoWeek.ToAmsterdamDate(now);
        var norms = snapshot.CareTypes.ToDictionary(c => c.Key, c => snapshot.Resolver.Resolve(c.Value.Profile, regionCode, today), StringComparer.Ordinal);
        return new SearchContext(now, configuration.StaleAfterDays(), norms, textMatch);
    }

    /// <summary>
    /// The offerings whose title, description or tags match the text in Dutch (stemmed), or whose title or provider's name
    /// is like it (a typo still matches): asked of PostgreSQL through its full-text and trigram indexes.
    /// </summary>
    private async Task<TextMatches> MatchTextAsync(string text, CancellationToken cancellationToken)
    {
        var offerings = new HashSet<Guid>();
        var providers = new HashSet<Guid>();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // One round trip, one implicit transaction: the similarity threshold the trigram operators use holds for it alone.
            await using var batch = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand("select set_config('pg_trgm.word_similarity_threshold', $1, true)")
                    {
                        Parameters = { new NpgsqlParameter { Value = TypoTolerance.ToString(System.Globalization.CultureInfo.InvariantCulture) } },
                    },
                    new NpgsqlBatchCommand(TextMatchSql)
                    {
                        Parameters = { new NpgsqlParameter { Value = text } },
                    },
                },
            };
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                (reader.GetBoolean(1) ? providers : offerings).Add(reader.GetGuid(0));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return new TextMatches(offerings, providers);
    }
}
