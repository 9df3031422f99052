using BeschikbaarheidsWijzer.Domain.Geo;
using BeschikbaarheidsWijzer.Domain.Norms;
using Npgsql;
using NpgsqlTypes;

namespace BeschikbaarheidsWijzer.Api.Features.Search;

/// <summary>
/// The SQL of a search. Every value travels as a parameter; only fixed fragments chosen by validated criteria are
/// concatenated. Filters on the offering itself go into <c>base</c>; filters on derived values (norm status, effective
/// wait, available now) and the two facet filters (care type, within norm) are applied after it.
/// </summary>
internal sealed class SearchSql
{
    // Same comparisons as NormEvaluator: a phase counts only when both the figure and its bound are known.
    private const string NormStatusExpression = """
        case
            when r.id is null then 'unknown'
            when r.wait_to_intake_weeks > n.max_intake
              or r.wait_to_treatment_weeks > n.max_treatment
              or r.wait_to_intake_weeks + r.wait_to_treatment_weeks > n.max_total then 'exceeded'
            when (r.wait_to_intake_weeks is not null and n.max_intake is not null)
              or (r.wait_to_treatment_weeks is not null and n.max_treatment is not null)
              or (r.wait_to_intake_weeks is not null and r.wait_to_treatment_weeks is not null and n.max_total is not null) then 'within'
            else 'unknown'
        end
        """;

    private readonly SearchCriteria _criteria;
    private readonly List<NpgsqlParameter> _parameters = [];
    private readonly string _base;
    private readonly List<string> _derivedFilters = [];

    public SearchSql(SearchCriteria criteria, IReadOnlyDictionary<string, EffectiveNorm?> norms, DateOnly today, DateTimeOffset staleCutoff)
    {
        _criteria = criteria;
        var codes = norms.Keys.ToArray();
        Add("n_code", codes, NpgsqlDbType.Array | NpgsqlDbType.Text);
        Add("n_intake", codes.Select(c => norms[c]?.Norm.MaxIntakeWeeks).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
        Add("n_treatment", codes.Select(c => norms[c]?.Norm.MaxTreatmentWeeks).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
        Add("n_total", codes.Select(c => norms[c]?.Norm.MaxTotalWeeks).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
        Add("stale_cutoff", staleCutoff.UtcDateTime, NpgsqlDbType.TimestampTz);

        var where = new List<string> { "o.deleted_at is null", "p.deleted_at is null" };
        if (criteria.MunicipalityCode is { } municipality && criteria.RequireContract)
        {
            // Char, like the column: a text parameter would cast the column and bypass its index.
            Add("municipality", municipality, NpgsqlDbType.Char);
            Add("today", today, NpgsqlDbType.Date);
            where.Add("exists (select 1 from contracts c where c.offering_id = o.id and c.municipality_code = @municipality and c.valid_from <= @today and (c.valid_to is null or c.valid_to >= @today))");
        }

        if (criteria.Age is { } age)
        {
            Add("age", age, NpgsqlDbType.Integer);
            where.Add("o.age_min <= @age and o.age_max >= @age");
        }

        if (criteria.Tags.Count > 0)
        {
            Add("tags", criteria.Tags.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            where.Add("o.tags @> @tags");
        }

        if (criteria.Text is { } text)
        {
            Add("q", text, NpgsqlDbType.Text);
            Add("typo", OfferingSearch.TypoTolerance, NpgsqlDbType.Real);
            where.Add("(o.search_vector @@ websearch_to_tsquery('dutch', @q) or word_similarity(lower(@q), lower(p.name)) >= @typo or word_similarity(lower(@q), lower(o.title)) >= @typo)");
        }

        if (criteria.ProviderId is { } providerId)
        {
            Add("provider_id", providerId, NpgsqlDbType.Uuid);
            where.Add("o.provider_id = @provider_id");
        }

        if (criteria.OfferingId is { } offeringId)
        {
            Add("offering_id", offeringId, NpgsqlDbType.Uuid);
            where.Add("o.id = @offering_id");
        }

        if (criteria.ExcludeOfferingId is { } excluded)
        {
            Add("excluded_id", excluded, NpgsqlDbType.Uuid);
            where.Add("o.id <> @excluded_id");
        }

        var distance = "null::double precision";
        if (criteria.ReferencePoint is { } point)
        {
            Add("ref_lat", point.Lat, NpgsqlDbType.Double);
            Add("ref_lon", point.Lon, NpgsqlDbType.Double);
            distance = $"""
                (select min({Haversine("coalesce(l.latitude, m.latitude)", "coalesce(l.longitude, m.longitude)")})
                 from offering_locations ol join locations l on l.id = ol.location_id join municipalities m on m.code = l.municipality_code
                 where ol.offering_id = o.id)
                """;
        }

        _base = $"""
            with norms as (
                select * from unnest(@n_code, @n_intake, @n_treatment, @n_total) as n(care_type_code, max_intake, max_treatment, max_total)),
            base as (
                select o.id, o.care_type_code, o.title, p.name as provider_name, r.reported_at,
                       {NormStatusExpression} as norm_status,
                       coalesce(r.wait_to_intake_weeks + r.wait_to_treatment_weeks, r.wait_to_intake_weeks) as effective_wait,
                       coalesce(r.accepting_referrals and r.reported_at >= @stale_cutoff and (r.free_places > 0 or r.wait_to_intake_weeks = 0), false) as available_now,
                       coalesce(r.accepting_referrals, false) as accepting,
                       {distance} as distance_km
                from offerings o
                join providers p on p.id = o.provider_id
                left join availability_reports r on r.id = o.current_report_id
                left join norms n on n.care_type_code = o.care_type_code
                where {string.Join("\n  and ", where)})
            """;

        if (criteria.AvailableNow)
        {
            _derivedFilters.Add("b.available_now");
        }

        if (criteria.MaxWaitWeeks is { } maxWait)
        {
            Add("max_wait", maxWait, NpgsqlDbType.Integer);
            _derivedFilters.Add("b.effective_wait <= @max_wait");
        }

        if (criteria.AcceptingReferralsOnly)
        {
            _derivedFilters.Add("b.accepting");
        }

        if (criteria.EffectiveWaitBelow is { } below)
        {
            Add("wait_below", below, NpgsqlDbType.Integer);
            _derivedFilters.Add("b.effective_wait < @wait_below");
        }

        if (criteria.CareTypes.Count > 0)
        {
            Add("care_types", criteria.CareTypes.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        }
    }

    /// <summary>Counts per (care type, norm status) with every filter but those two facets' own.</summary>
    public NpgsqlCommand FacetCommand(NpgsqlConnection connection) =>
        Command(connection, $"{_base}\nselect b.care_type_code, b.norm_status, count(*) from base b where {Where(_derivedFilters)} group by 1, 2");

    /// <summary>The ids of the requested page, in the requested order.</summary>
    public NpgsqlCommand PageCommand(NpgsqlConnection connection)
    {
        var filters = new List<string>(_derivedFilters);
        if (_criteria.CareTypes.Count > 0)
        {
            filters.Add("b.care_type_code = any(@care_types)");
        }

        if (_criteria.WithinNorm)
        {
            filters.Add("b.norm_status = 'within'");
        }

        var byWait = "b.effective_wait asc nulls last, b.provider_name, b.title, b.id";
        var order = _criteria.Sort switch
        {
            SearchSort.Distance => "b.distance_km asc nulls last, " + byWait,
            SearchSort.Name => "lower(b.provider_name), lower(b.title), b.id",
            SearchSort.Updated => "b.reported_at desc nulls last, b.id",
            _ when _criteria.WithinNormFirst => "(b.norm_status = 'within') desc, " + byWait,
            _ => byWait,
        };
        var command = Command(connection, $"{_base}\nselect b.id from base b where {Where(filters)} order by {order} limit @limit offset @offset");
        command.Parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = _criteria.PageSize });
        command.Parameters.Add(new NpgsqlParameter("offset", NpgsqlDbType.Integer) { Value = (_criteria.Page - 1) * _criteria.PageSize });
        return command;
    }

    /// <summary>The haversine distance in km from the reference point, in SQL (see <see cref="GeoDistance"/>).</summary>
    private static string Haversine(string lat, string lon) =>
        $"{GeoDistance.EarthRadiusKm.ToString(System.Globalization.CultureInfo.InvariantCulture)} * 2 * asin(sqrt(" +
        $"power(sin(radians({lat} - @ref_lat) / 2), 2) + cos(radians(@ref_lat)) * cos(radians({lat})) * power(sin(radians({lon} - @ref_lon) / 2), 2)))";

    private static string Where(List<string> filters) => filters.Count == 0 ? "true" : string.Join(" and ", filters);

    private void Add(string name, object value, NpgsqlDbType type) => _parameters.Add(new NpgsqlParameter(name, type) { Value = value });

    private NpgsqlCommand Command(NpgsqlConnection connection, string sql)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in _parameters)
        {
            command.Parameters.Add(parameter.Clone());
        }

        return command;
    }
}
