using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace BeschikbaarheidsWijzer.Api.Infrastructure.Http;

/// <summary>
/// With <c>Redis:Configuration</c> set (a StackExchange.Redis configuration string such as <c>redis:6379</c>) the output
/// cache lives in Redis, shared by every replica of the app, so the eviction after a write reaches all of them. Without
/// it each replica has its own in-memory cache, which is right for one instance only.
/// </summary>
public static class RedisOutputCache
{
    public const string ConfigurationKey = "Redis:Configuration";

    public static bool IsConfigured(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[ConfigurationKey]);

    public static IServiceCollection AddRedisOutputCacheStore(this IServiceCollection services, IConfiguration configuration)
    {
        var redis = ConfigurationOptions.Parse(configuration[ConfigurationKey]!);
        if (!configuration[ConfigurationKey]!.Contains("abortConnect", StringComparison.OrdinalIgnoreCase))
        {
            // Start, and keep serving, while Redis is away: the client reconnects in the background.
            redis.AbortOnConnectFail = false;
        }

        services.AddStackExchangeRedisOutputCache(options =>
        {
            options.ConfigurationOptions = redis;
            options.InstanceName = "beschikbaarheidswijzer:";
        });

        // Wrap the Redis store so that Redis being away costs the cache, not the request.
        var store = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.RemoveAll<IOutputCacheStore>();
        services.AddSingleton<IOutputCacheStore>(sp => new ResilientOutputCacheStore(
            (IOutputCacheStore)(store.ImplementationInstance
                                ?? store.ImplementationFactory?.Invoke(sp)
                                ?? ActivatorUtilities.CreateInstance(sp, store.ImplementationType!)),
            sp.GetRequiredService<ILogger<ResilientOutputCacheStore>>()));
        return services;
    }
}

/// <summary>
/// A cache that cannot be reached is a cache miss: the response is made from the database, and not stored. A failed
/// eviction is logged as an error (other replicas may serve the old answer until it expires, at most
/// <c>Search:OutputCache:Seconds</c>), but the write it follows has been stored and is answered as such.
/// </summary>
internal sealed partial class ResilientOutputCacheStore(IOutputCacheStore inner, ILogger<ResilientOutputCacheStore> logger) : IOutputCacheStore
{
    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.GetAsync(key, cancellationToken);
        }
        catch (Exception ex) when (IsCacheFailure(ex, cancellationToken))
        {
            LogUnavailable(logger, "read", ex.Message);
            return null;
        }
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        try
        {
            await inner.SetAsync(key, value, tags, validFor, cancellationToken);
        }
        catch (Exception ex) when (IsCacheFailure(ex, cancellationToken))
        {
            LogUnavailable(logger, "store", ex.Message);
        }
    }

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        try
        {
            await inner.EvictByTagAsync(tag, cancellationToken);
        }
        catch (Exception ex) when (IsCacheFailure(ex, cancellationToken))
        {
            LogEvictionFailed(logger, tag, ex.Message);
        }
    }

    private static bool IsCacheFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is RedisException or TimeoutException or ObjectDisposedException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Output cache unavailable ({Operation}), answered without it: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string operation, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Output cache eviction of tag {Tag} failed; cached answers may be stale until they expire: {Reason}")]
    private static partial void LogEvictionFailed(ILogger logger, string tag, string reason);
}
