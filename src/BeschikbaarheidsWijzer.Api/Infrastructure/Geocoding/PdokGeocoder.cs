using System.Text.RegularExpressions;
using BeschikbaarheidsWijzer.Domain.Geo;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace BeschikbaarheidsWijzer.Api.Infrastructure.Geocoding;

/// <summary>
/// Asks the PDOK Locatieserver where a postcode lies. A typed <see cref="HttpClient"/> behind the resilience pipeline of
/// <see cref="GeocodingSetup"/> (timeouts, retries, circuit breaker). Whatever goes wrong, the answer is a
/// <see cref="PostcodeLookup"/>; only the caller's own cancellation comes out as an exception.
/// </summary>
public sealed partial class PdokGeocoder(HttpClient http, ILogger<PdokGeocoder> logger)
{
    /// <summary>An answer to a one-row query is a few hundred bytes; more than this is not PDOK.</summary>
    public const int MaxResponseBytes = 64 * 1024;

    /// <param name="normalisedPostcode">Compact and upper case, e.g. <c>7001AB</c>.</param>
    public async Task<PostcodeLookup> ResolvePostcodeAsync(string normalisedPostcode, CancellationToken cancellationToken)
    {
        // The postcode goes into the query unescaped: only a validated one may.
        if (!CompactPostcode().IsMatch(normalisedPostcode))
        {
            throw new ArgumentException("Pass a validated compact postcode such as 7001AB.", nameof(normalisedPostcode));
        }

        var query = new Uri($"free?q=postcode:{normalisedPostcode}&fq=type:postcode&rows=1&fl=centroide_ll,gemeentecode,postcode", UriKind.Relative);
        PostcodeLookup result;
        try
        {
            using var response = await http.GetAsync(query, cancellationToken);
            result = response.IsSuccessStatusCode
                ? PdokPostcodeResponse.Parse(await response.Content.ReadAsStringAsync(cancellationToken), normalisedPostcode)
                : new PostcodeLookup.Unavailable($"geocoder answered HTTP {(int)response.StatusCode}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (BrokenCircuitException)
        {
            result = new PostcodeLookup.Unavailable("circuit open: the geocoder failed repeatedly just now");
        }
        catch (TimeoutRejectedException)
        {
            result = new PostcodeLookup.Unavailable("geocoder timed out");
        }
        catch (OperationCanceledException)
        {
            result = new PostcodeLookup.Unavailable("geocoder timed out");
        }
        catch (HttpRequestException ex)
        {
            // The message may name the host; the error kind is enough.
            result = new PostcodeLookup.Unavailable($"geocoder not reachable ({ex.HttpRequestError})");
        }

        switch (result)
        {
            case PostcodeLookup.Unavailable unavailable:
                LogUnavailable(logger, normalisedPostcode, unavailable.Reason);
                break;
            case PostcodeLookup.NotFound:
                LogNotFound(logger, normalisedPostcode);
                break;
        }

        return result;
    }

    [GeneratedRegex("^[1-9][0-9]{3}[A-Z]{2}$")]
    private static partial Regex CompactPostcode();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Postcode {Postcode} could not be resolved: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string postcode, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Postcode {Postcode} is unknown to the geocoder")]
    private static partial void LogNotFound(ILogger logger, string postcode);
}
