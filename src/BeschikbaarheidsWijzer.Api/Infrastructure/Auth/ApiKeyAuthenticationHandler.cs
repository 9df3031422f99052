using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Infrastructure.Http;
using BeschikbaarheidsWijzer.Domain.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BeschikbaarheidsWijzer.Api.Infrastructure.Auth;

/// <summary>
/// <c>Authorization: Bearer bwk_&lt;keyId&gt;_&lt;secret&gt;</c>: the key is looked up by id and its secret compared to the
/// stored hash in constant time. Revocation takes effect on the next request (nothing is cached). Keys are never logged.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IConfiguration configuration,
    TimeProvider clock,
    IProblemDetailsService problemDetails)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string BootstrapAdminKeyId = "bootstrap-admin";

    /// <summary>Last-used is a hint, not an audit trail: writing it once a minute per key is enough.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("Use 'Authorization: Bearer bwk_…'.");
        }

        var presented = header["Bearer ".Length..].Trim();
        if (IsBootstrapAdminKey(presented))
        {
            return Success(new ApiCaller(BootstrapAdminKeyId, ApiKeyRole.Admin, null, new HashSet<string>()));
        }

        if (!ApiKeyFormat.TryParse(presented, out var keyId, out var secret))
        {
            return AuthenticateResult.Fail("The API key is not in the format bwk_<keyId>_<secret>.");
        }

        // Asked for only now: most requests carry no key, and a DbContext for each of them would cost more than the rest of
        // an answer from the output cache.
        var db = Context.RequestServices.GetRequiredService<WijzerDbContext>();
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == keyId, Context.RequestAborted);
        if (key is null || !ApiKeyFormat.Matches(key.SecretHash, keyId, secret))
        {
            return AuthenticateResult.Fail("Unknown API key.");
        }

        if (key.RevokedAt is not null)
        {
            return AuthenticateResult.Fail("This API key has been revoked.");
        }

        var now = clock.GetUtcNow();
        if (key.LastUsedAt is null || now - key.LastUsedAt > LastUsedResolution)
        {
            try
            {
                await db.ApiKeys.Where(k => k.Id == keyId).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted);
            }
            catch (Exception ex) when (DatabaseFailures.RefusesWrites(ex))
            {
                // Bookkeeping only: a database that refuses writes for a moment (a former primary after a failover) must
                // not turn a provider's read into a 503. Its writes get their 503 where they write.
                Logger.LogDebug(ex, "The last use of key {KeyId} is not recorded: the database refuses writes.", keyId);
            }
        }

        return Success(new ApiCaller(key.Id, key.Role, key.ProviderId, key.RegionCodes.ToHashSet(StringComparer.Ordinal)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        var failure = Context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Failure?.Message;
        return WriteProblemAsync(StatusCodes.Status401Unauthorized, "Authentication required",
            failure ?? "Send your API key as 'Authorization: Bearer bwk_…'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return WriteProblemAsync(StatusCodes.Status403Forbidden, "Not allowed", "Your API key's role does not allow this.");
    }

    private AuthenticateResult Success(ApiCaller caller) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(caller.ToClaims(), SchemeName)), SchemeName));

    private bool IsBootstrapAdminKey(string presented)
    {
        var configured = configuration["Auth:AdminApiKey"];
        return !string.IsNullOrEmpty(configured)
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(configured)));
    }

    private async Task WriteProblemAsync(int status, string title, string detail) =>
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
}
