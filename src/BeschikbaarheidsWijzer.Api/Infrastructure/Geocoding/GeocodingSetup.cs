using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace BeschikbaarheidsWijzer.Api.Infrastructure.Geocoding;

public static class GeocodingSetup
{
    /// <summary>
    /// The PDOK geocoder as a typed <see cref="HttpClient"/> behind one resilience pipeline, outer to inner: total timeout →
    /// retry (exponential, jitter) → circuit breaker → per-attempt timeout. The circuit's state lives in the app-wide
    /// pipeline registry, so once it opens every search skips the geocoder until the break is over.
    /// </summary>
    public static IServiceCollection AddGeocoding(this IServiceCollection services)
    {
        services.AddOptions<GeocoderOptions>()
            .BindConfiguration(GeocoderOptions.Section)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<GeocoderOptions>, GeocoderOptionsValidator>();

        services.AddHttpClient<PdokGeocoder>((provider, client) =>
            {
                var options = provider.GetRequiredService<IOptions<GeocoderOptions>>().Value;
                client.BaseAddress = new Uri(options.BaseUrl.TrimEnd('/') + "/");

                // The pipeline's total timeout governs; this only bounds reading a body that trickles in.
                client.Timeout = options.TotalTimeout + TimeSpan.FromSeconds(2);
                client.MaxResponseContentBufferSize = PdokGeocoder.MaxResponseBytes;
                client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("BeschikbaarheidsWijzer", "1.0"));
            })
            .AddResilienceHandler("pdok", static (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<GeocoderOptions>>().Value;
                pipeline.AddTimeout(options.TotalTimeout);
                if (options.MaxRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.MaxRetries,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = options.RetryBaseDelay,
                        ShouldRetryAfterHeader = false,
                        ShouldHandle = args => ValueTask.FromResult(IsWorthRetrying(args.Outcome)),
                    });
                }

                // Counts what the retry counts, and 429 too: a geocoder that rate-limits us needs a break as well.
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = options.BreakerFailureRatio,
                    SamplingDuration = options.BreakerSamplingDuration,
                    MinimumThroughput = options.BreakerMinimumThroughput,
                    BreakDuration = options.BreakDuration,
                });
                pipeline.AddTimeout(options.AttemptTimeout);
            });

        services.AddScoped<PostcodeResolver>();
        return services;
    }

    /// <summary>5xx, 408, a connection failure or an attempt that timed out; not 429 (retrying a rate limit makes it worse).</summary>
    private static bool IsWorthRetrying(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout,
        _ => false,
    };

    private sealed class GeocoderOptionsValidator : IValidateOptions<GeocoderOptions>
    {
        public ValidateOptionsResult Validate(string? name, GeocoderOptions options)
        {
            var problems = options.Problems().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
