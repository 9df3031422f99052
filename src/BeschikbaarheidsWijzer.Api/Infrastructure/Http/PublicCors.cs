namespace BeschikbaarheidsWijzer.Api.Infrastructure.Http;

/// <summary>
/// Any web page may read the public API and its OpenAPI document (<c>Access-Control-Allow-Origin: *</c>, no credentials):
/// the figures are public, and municipalities and wijkteams embed them. Endpoints opt in with
/// <see cref="WithPublicCors{TBuilder}"/>; the provider and administration API never do, so a browser page elsewhere can
/// never drive them with someone's key, and an endpoint added later is closed until it is meant to be open.
/// </summary>
public static class PublicCors
{
    public const string PolicyName = "public-read";

    public static IServiceCollection AddPublicCors(this IServiceCollection services) =>
        services.AddCors(options => options.AddPolicy(PolicyName, policy => policy
            .AllowAnyOrigin()
            .WithMethods(HttpMethods.Get, HttpMethods.Head)
            .WithHeaders("Accept", "Accept-Language", "Content-Language", "If-None-Match")
            .WithExposedHeaders(ApiVersion.HeaderName, "ETag", "Retry-After")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));

    public static TBuilder WithPublicCors<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireCors(PolicyName);
}
