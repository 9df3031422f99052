using System.Net;
using System.Text;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using BeschikbaarheidsWijzer.Domain.Security;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Tests.Admin;

/// <summary>A provider arranged straight in the database: two locations (one used by the offering), one offering
/// contracted since 2025 in one municipality, and one active provider key.</summary>
public sealed record ArrangedProvider(Guid ProviderId, Guid LocationId, Guid SpareLocationId, Guid OfferingId, string KeyId, string Key);

internal static class AdminTestData
{
    public const string AdminApi = "/api/v1/admin";

    /// <summary>The test app's "today" (the factory clock stands at 2026-11-18 12:00 UTC).</summary>
    public static readonly DateOnly Today = new(2026, 11, 18);

    public static readonly DateOnly ContractStart = new(2025, 1, 1);

    public static async Task<ArrangedProvider> ArrangeProviderAsync(
        WijzerApiFactory factory, string? region = "achterhoek", string municipality = "GM0222", string name = "Zorg")
    {
        var now = factory.Clock.GetUtcNow();
        var provider = new Provider
        {
            Id = Guid.NewGuid(),
            Name = $"{name} {Guid.NewGuid():N}"[..30],
            RegionCodes = region is null ? [] : [region],
            Phone = "0314 123456",
            CreatedAt = now,
            UpdatedAt = now,
        };
        var location = new Location { Id = Guid.NewGuid(), ProviderId = provider.Id, Name = "Hoofdvestiging", City = "Doetinchem", MunicipalityCode = municipality, Latitude = 51.96, Longitude = 6.29 };
        var spare = new Location { Id = Guid.NewGuid(), ProviderId = provider.Id, Name = "Bijvestiging", City = "Doetinchem", MunicipalityCode = municipality };
        var offering = new Offering
        {
            Id = Guid.NewGuid(),
            ProviderId = provider.Id,
            Title = "Ambulante begeleiding",
            CareTypeCode = "ambulante-begeleiding",
            AgeMin = 4,
            AgeMax = 18,
            Tags = ["autisme"],
            CreatedAt = now,
            UpdatedAt = now,
            Locations = [location],
            Contracts = [new Contract { MunicipalityCode = municipality, ValidFrom = ContractStart }],
        };
        provider.Locations.AddRange([location, spare]);
        provider.Offerings.Add(offering);
        var (keyId, key, hash) = ApiKeyFormat.Generate();
        await using var db = factory.CreateDbContext();
        db.Providers.Add(provider);
        db.ApiKeys.Add(new ApiKey { Id = keyId, Role = ApiKeyRole.Provider, ProviderId = provider.Id, SecretHash = hash, CreatedAt = now });
        await db.SaveChangesAsync();
        return new ArrangedProvider(provider.Id, location.Id, spare.Id, offering.Id, keyId, key);
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Asserts a problem+json of the given status; for 400, that <c>errors</c> names <paramref name="field"/>.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var problem = await ReadJsonAsync(response, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (field is not null)
        {
            Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _),
                $"errors should name '{field}': {problem}");
        }

        return problem;
    }

    /// <summary>
    /// Everything the administration endpoints can change, and the number of audit log entries, as one string: equal
    /// before and after means nothing changed and nothing was logged.
    /// Last-used times are left out: authenticating a key updates them, whatever the request then does.
    /// </summary>
    public static async Task<string> SnapshotAsync(WijzerApiFactory factory)
    {
        await using var db = factory.CreateDbContext();
        var providers = await db.Providers.AsNoTracking().OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Name, p.KvkNumber, p.AgbCode, p.Website, p.Phone, p.Email, p.Description, p.RegionCodes, p.CreatedAt, p.UpdatedAt, p.DeletedAt })
            .ToListAsync();
        var locations = await db.Locations.AsNoTracking().OrderBy(l => l.Id)
            .Select(l => new { l.Id, l.ProviderId, l.Name, l.Street, l.Postcode, l.City, l.MunicipalityCode, l.Latitude, l.Longitude })
            .ToListAsync();
        var offerings = await db.Offerings.AsNoTracking().OrderBy(o => o.Id)
            .Select(o => new
            {
                o.Id, o.ProviderId, o.Title, o.CareTypeCode, o.Description, o.AgeMin, o.AgeMax, o.Tags, o.ReferralInfo, o.CreatedAt, o.UpdatedAt, o.DeletedAt,
                Locations = o.Locations.OrderBy(l => l.Id).Select(l => l.Id).ToList(),
            })
            .ToListAsync();
        var contracts = await db.Contracts.AsNoTracking().OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.OfferingId, c.MunicipalityCode, c.ValidFrom, c.ValidTo })
            .ToListAsync();
        var keys = await db.ApiKeys.AsNoTracking().OrderBy(k => k.Id)
            .Select(k => new { k.Id, k.Role, k.ProviderId, k.RegionCodes, k.Label, k.SecretHash, k.CreatedAt, k.RevokedAt })
            .ToListAsync();
        var reports = await db.AvailabilityReports.CountAsync();
        var norms = await db.RegionalNorms.AsNoTracking().OrderBy(n => n.Id)
            .Select(n => new { n.Id, n.RegionCode, n.CareTypeCode, n.MaxIntakeWeeks, n.MaxTreatmentWeeks, n.MaxTotalWeeks, n.ValidFrom, n.RecordedAt })
            .ToListAsync();
        var audit = await db.AuditLog.CountAsync();
        return JsonSerializer.Serialize(new { providers, locations, offerings, contracts, keys, reports, norms, audit });
    }
}
