namespace BeschikbaarheidsWijzer.Domain.Search;

public enum SearchSort
{
    Wait,
    Distance,
    Name,
    Updated,

    /// <summary>Offerings with room now first, most free places first; then the rest by wait.</summary>
    FreePlaces,
}

/// <summary>A validated search, in domain terms; also used for a provider's offerings.</summary>
public sealed record SearchCriteria
{
    /// <summary>Only offerings contracted for this municipality today (when <see cref="RequireContract"/>); also sets the region whose norms apply.</summary>
    public string? MunicipalityCode { get; init; }

    public bool RequireContract { get; init; } = true;

    /// <summary>The region whose norms judge the figures; null → national Treeknormen.</summary>
    public string? RegionCode { get; init; }

    public (double Lat, double Lon)? ReferencePoint { get; init; }
    /// <summary>The care types asked for; none named means all but <see cref="CareTypeRules.LeftOutUnlessNamed"/>.</summary>
    public IReadOnlyList<string> CareTypes { get; init; } = [];
    public int? Age { get; init; }
    /// <summary>Topics: an offering with any of them matches.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
    public bool AvailableNow { get; init; }
    public bool WithinNorm { get; init; }
    public int? MaxWaitWeeks { get; init; }
    public string? Text { get; init; }
    public SearchSort Sort { get; init; } = SearchSort.Wait;
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;

    public Guid? ProviderId { get; init; }
}
