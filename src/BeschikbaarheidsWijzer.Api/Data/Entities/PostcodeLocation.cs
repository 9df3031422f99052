namespace BeschikbaarheidsWijzer.Api.Data.Entities;

/// <summary>
/// A cached geocoder answer: where a postcode lies. Only found postcodes are stored; the municipality may be one outside
/// the regions served, so there is no foreign key to <see cref="Municipality"/>. Holds no personal data: nothing records
/// who searched for the postcode, or when.
/// </summary>
public sealed class PostcodeLocation
{
    /// <summary>Compact and upper case: <c>7001AB</c>.</summary>
    public required string Postcode { get; set; }

    /// <summary>CBS code <c>GMxxxx</c>.</summary>
    public required string MunicipalityCode { get; set; }

    public double Latitude { get; set; }
    public double Longitude { get; set; }
    public DateTimeOffset ResolvedAt { get; set; }
}
