using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Infrastructure.Auth;
using BeschikbaarheidsWijzer.Api.Infrastructure.Http;
using BeschikbaarheidsWijzer.Api.Shared.Audit;
using BeschikbaarheidsWijzer.Api.Shared.Management;
using BeschikbaarheidsWijzer.Domain.Validation;
using BeschikbaarheidsWijzer.Domain.Weeks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Features.Audit;

/// <summary>The audit log of administrative changes, newest first, for admins only.</summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditLog(this IEndpointRouteBuilder app)
    {
        var admin = app.MapManagementGroup();
        admin.MapGet("/audit-log", GetAuditLog).WithName("AdminGetAuditLog")
            .WithSummary("Every administrative change, newest first (admin only)")
            .WithDescription("One entry per changed entity: who (API key id and role), when, what (entityType: provider, location, " +
                             "offering, api-key, regional-norm, municipality-access; action: create, update, delete, revoke) and the entity before and after, " +
                             "as the administration API shows it (never a key's secret). A change that affects several entities " +
                             "(deleting a provider ends its offerings and revokes its keys) has one entry per entity, at the same time. " +
                             "Filters combine: entityType, entityId, keyId, from and to (dates yyyy-MM-dd, Europe/Amsterdam, inclusive).")
            .RequireAuthorization(AuthSetup.AdminPolicy);
        return app;
    }

    public static async Task<Results<Ok<AdminPage<AuditEntryDto>>, ValidationProblem>> GetAuditLog(
        [AsParameters] AuditLogQuery query, WijzerDbContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        ManagementInput.TryReadPaging(new PageQuery(query.Page, query.PageSize), errors, out var page, out var pageSize);
        var entityType = query.EntityType?.Trim().ToLowerInvariant();
        if (entityType is not null && !AuditEntities.All.Contains(entityType))
        {
            errors.Add("entityType", FieldProblem.OneOf(AuditEntities.All));
        }

        var entityId = QueryValues.Text(query.EntityId, "entityId", 200, errors);
        var keyId = QueryValues.Text(query.KeyId, "keyId", 64, errors);
        var from = QueryValues.Date(query.From, "from", errors);
        var to = QueryValues.Date(query.To, "to", errors);
        if (from > to)
        {
            errors.Add("to", ErrorCodes.LessThan, "Must not be before from.", ("other", "from"));
        }

        if (!errors.IsEmpty)
        {
            return ManagementInput.InvalidQuery(errors);
        }

        var entries = db.AuditLog.AsNoTracking();
        if (entityType is not null)
        {
            entries = entries.Where(e => e.EntityType == entityType);
        }

        if (entityId is not null)
        {
            entries = entries.Where(e => e.EntityId == entityId);
        }

        if (keyId is not null)
        {
            entries = entries.Where(e => e.KeyId == keyId);
        }

        if (from is { } first)
        {
            var start = IsoWeek.StartOfAmsterdamDay(first);
            entries = entries.Where(e => e.At >= start);
        }

        if (to is { } last)
        {
            var end = IsoWeek.StartOfAmsterdamDay(last.AddDays(1));
            entries = entries.Where(e => e.At < end);
        }

        var total = await entries.CountAsync(cancellationToken);
        var rows = await entries
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);
        var items = rows.Select(e => new AuditEntryDto(
            e.Id, e.At, e.KeyId, e.Role, e.EntityType, e.EntityId, e.Action, Parse(e.Before), Parse(e.After))).ToList();
        return TypedResults.Ok(new AdminPage<AuditEntryDto>(items, page, pageSize, total));
    }

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}

public sealed record AuditLogQuery(
    [FromQuery(Name = "entityType")] string? EntityType,
    [FromQuery(Name = "entityId")] string? EntityId,
    [FromQuery(Name = "keyId")] string? KeyId,
    [FromQuery(Name = "from")] string? From,
    [FromQuery(Name = "to")] string? To,
    [FromQuery(Name = "page")] string? Page,
    [FromQuery(Name = "pageSize")] string? PageSize);

/// <summary>One change: <c>before</c> is null for a create, <c>after</c> for a delete.</summary>
public sealed record AuditEntryDto(
    long Id,
    DateTimeOffset At,
    string KeyId,
    string Role,
    string EntityType,
    string EntityId,
    string Action,
    JsonElement? Before,
    JsonElement? After);
