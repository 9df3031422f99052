namespace BeschikbaarheidsWijzer.Domain.Geo;

/// <summary>What a geocoder said about a postcode: where it is, that it does not exist, or that it could not say now.</summary>
public abstract record PostcodeLookup
{
    private PostcodeLookup()
    {
    }

    /// <summary>The postcode lies in this municipality (CBS code <c>GMxxxx</c>), around this point (WGS84).</summary>
    public sealed record Found(string MunicipalityCode, double Lat, double Lon) : PostcodeLookup;

    /// <summary>The geocoder answered, and knows no such postcode.</summary>
    public sealed record NotFound : PostcodeLookup;

    /// <summary>No usable answer right now (down, slow, circuit open, malformed answer): try again later, never cache.</summary>
    public sealed record Unavailable(string Reason) : PostcodeLookup;
}
