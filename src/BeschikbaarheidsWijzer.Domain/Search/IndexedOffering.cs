using BeschikbaarheidsWijzer.Domain.Availability;
using BeschikbaarheidsWijzer.Domain.Norms;

namespace BeschikbaarheidsWijzer.Domain.Search;

/// <summary>A location of an offering; without coordinates of its own it stands at its municipality's centre.</summary>
public sealed record IndexedLocation(string Name, string City, string MunicipalityCode, double Lat, double Lon);

/// <summary>An offering's contract for one municipality over a period (<see cref="ValidTo"/> null = open-ended).</summary>
public readonly record struct IndexedContract(string MunicipalityCode, DateOnly ValidFrom, DateOnly? ValidTo)
{
    public bool IsValidOn(DateOnly date) => Contracts.ContractValidity.IsValidOn(ValidFrom, ValidTo, date);
}

/// <summary>
/// The figures of an offering's current report (latest week, then latest report). <see cref="FiguresChangedAt"/> is when
/// these figures were first reported (null: by this report); <see cref="ConfirmedUnchanged"/> says the provider sent
/// "nothing changed".
/// </summary>
public sealed record CurrentFigures(
    bool AcceptingReferrals,
    int? FreePlaces,
    int? TotalPlaces,
    int? WaitlistCount,
    int? WaitToIntakeWeeks,
    int? WaitToTreatmentWeeks,
    string Method,
    bool MatchingDependent,
    bool BridgingCareAvailable,
    DateOnly WeekStart,
    DateTimeOffset ReportedAt,
    bool ConfirmedUnchanged = false,
    DateTimeOffset? FiguresChangedAt = null,
    int? RealisedWaitToIntakeWeeks = null,
    int? RealisedWaitToTreatmentWeeks = null)
{
    public WaitFigures Waits { get; } = new(WaitToIntakeWeeks, WaitToTreatmentWeeks);

    public DateTimeOffset FiguresFirstReportedAt => FiguresChangedAt ?? ReportedAt;
}

/// <summary>
/// What the search needs to know of one offering that is not deleted (nor is its provider): enough to filter, count,
/// sort and show it without asking the database again.
/// </summary>
public sealed record IndexedOffering(
    Guid Id,
    Guid ProviderId,
    string ProviderName,
    string Title,
    string CareTypeCode,
    int AgeMin,
    int AgeMax,
    IReadOnlyList<string> Tags,
    IReadOnlyList<IndexedLocation> Locations,
    IReadOnlyList<IndexedContract> Contracts,
    CurrentFigures? Current)
{
    /// <summary>For sorting by name without allocating in every comparison.</summary>
    public string ProviderNameLower { get; } = ProviderName.ToLowerInvariant();

    public string TitleLower { get; } = Title.ToLowerInvariant();

    /// <summary>The weeks the offering reported in (none without a report): its reporting rate, computed when asked.</summary>
    public ReportedWeeks ReportedWeeks { get; init; }

    /// <summary>The provider's phone number, for a referrer's list (null when it gave none).</summary>
    public string? ProviderPhone { get; init; }

    /// <summary>The provider's e-mail address (null when it gave none).</summary>
    public string? ProviderEmail { get; init; }

    /// <summary>A hash of the description, which free text searches but the index does not keep: to see that it changed.</summary>
    public int DescriptionHash { get; init; }

    /// <summary>Whether free text could match <paramref name="other"/> differently: another title, tags, provider name or description.</summary>
    public bool DiffersInTextFrom(IndexedOffering other) =>
        Title != other.Title || ProviderName != other.ProviderName || DescriptionHash != other.DescriptionHash || !Tags.SequenceEqual(other.Tags);
}
