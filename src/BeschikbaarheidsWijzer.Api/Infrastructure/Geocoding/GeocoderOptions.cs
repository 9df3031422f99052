namespace BeschikbaarheidsWijzer.Api.Infrastructure.Geocoding;

/// <summary>Configuration section <c>Geocoder</c>: where the PDOK Locatieserver is and how patiently it is asked.</summary>
public sealed class GeocoderOptions
{
    public const string Section = "Geocoder";
    public const string DefaultBaseUrl = "https://api.pdok.nl/bzk/locatieserver/search/v3_1";

    /// <summary>The Locatieserver's search API; <c>/free</c> is appended.</summary>
    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>All attempts of one lookup together, retry delays included. A search never waits longer for a postcode.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>One HTTP attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries after a 5xx, 408, connection failure or attempt timeout (0 = none).</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>First retry delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The circuit opens when at least this share of the attempts in the sampling window failed…</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>…and the window held at least this many attempts.</summary>
    public int BreakerMinimumThroughput { get; set; } = 5;

    /// <summary>How long an open circuit answers "unavailable" without calling the geocoder.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a cached postcode is used without asking again. An older entry still serves while the geocoder is down.</summary>
    public TimeSpan CacheLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The problems with these settings (empty when usable); the bounds are those Polly enforces.</summary>
    public IEnumerable<string> Problems()
    {
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            yield return "Geocoder:BaseUrl must be an absolute http(s) URL without query, e.g. " + DefaultBaseUrl;
        }

        var tenMs = TimeSpan.FromMilliseconds(10);
        if (AttemptTimeout < tenMs || TotalTimeout < tenMs || AttemptTimeout > TotalTimeout || TotalTimeout > TimeSpan.FromMinutes(5))
        {
            yield return "Geocoder:AttemptTimeout and Geocoder:TotalTimeout must be at least 10 ms, at most 5 minutes, with the attempt no longer than the total.";
        }

        if (MaxRetries is < 0 or > 10 || RetryBaseDelay < TimeSpan.Zero || RetryBaseDelay > TimeSpan.FromMinutes(1))
        {
            yield return "Geocoder:MaxRetries must be 0–10 and Geocoder:RetryBaseDelay 0–1 minute.";
        }

        var halfSecond = TimeSpan.FromMilliseconds(500);
        if (BreakerFailureRatio is <= 0 or > 1 || BreakerMinimumThroughput < 2 || BreakerSamplingDuration < halfSecond || BreakDuration < halfSecond)
        {
            yield return "Geocoder:BreakerFailureRatio must be in (0, 1], BreakerMinimumThroughput at least 2, BreakerSamplingDuration and BreakDuration at least 0.5 s.";
        }

        if (CacheLifetime < TimeSpan.Zero)
        {
            yield return "Geocoder:CacheLifetime cannot be negative.";
        }
    }
}
