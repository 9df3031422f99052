using System.Text.Json.Serialization;

namespace BeschikbaarheidsWijzer.Api.Features.Exports.Hsds;

// HSDS 3.1 objects as the feed serves them: snake_case names, and optional fields left out rather than null (the HSDS
// schemas type them as plain strings and numbers).

/// <summary>The HSDS list shape: a page of <c>contents</c> with its place among all pages.</summary>
public sealed record HsdsPage<T>(
    [property: JsonPropertyName("total_items")] int TotalItems,
    [property: JsonPropertyName("total_pages")] int TotalPages,
    [property: JsonPropertyName("page_number")] int PageNumber,
    [property: JsonPropertyName("size")] int Size,
    [property: JsonPropertyName("first_page")] bool FirstPage,
    [property: JsonPropertyName("last_page")] bool LastPage,
    [property: JsonPropertyName("empty")] bool Empty,
    [property: JsonPropertyName("contents")] List<T> Contents)
{
    public static HsdsPage<T> Of(List<T> contents, int page, int perPage, int total)
    {
        var pages = (total + perPage - 1) / perPage;
        return new HsdsPage<T>(total, pages, page, contents.Count, page == 1, page >= pages, contents.Count == 0, contents);
    }
}

public sealed record HsdsApiInfo(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("openapi_url")] string OpenApiUrl);

/// <summary>An offering (aanbod) as an HSDS service, with its capacity and its waits and norm status as attributes.</summary>
public sealed record HsdsService(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("organization_id")] Guid OrganizationId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("wait_time")] string WaitTime,
    [property: JsonPropertyName("eligibility_description")] string EligibilityDescription,
    [property: JsonPropertyName("minimum_age")] int MinimumAge,
    [property: JsonPropertyName("maximum_age")] int MaximumAge,
    [property: JsonPropertyName("last_modified")] DateTimeOffset LastModified,
    [property: JsonPropertyName("service_areas")] List<HsdsServiceArea> ServiceAreas,
    [property: JsonPropertyName("service_at_locations")] List<HsdsServiceAtLocation> ServiceAtLocations,
    [property: JsonPropertyName("capacities")] List<HsdsServiceCapacity> Capacities,
    [property: JsonPropertyName("attributes")] List<HsdsAttribute> Attributes,
    [property: JsonPropertyName("description")] string? Description = null,
    [property: JsonPropertyName("application_process")] string? ApplicationProcess = null,
    [property: JsonPropertyName("alert")] string? Alert = null);

/// <summary>A municipality the service is contracted for today.</summary>
public sealed record HsdsServiceArea(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("service_id")] Guid ServiceId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("attributes")] List<HsdsAttribute> Attributes);

public sealed record HsdsServiceAtLocation(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("service_id")] Guid ServiceId,
    [property: JsonPropertyName("location_id")] Guid LocationId);

/// <summary>HSDS 3.1 <c>service_capacity</c>: free places (<c>available</c>) of <c>maximum</c>, from the latest report.</summary>
public sealed record HsdsServiceCapacity(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("service_id")] Guid ServiceId,
    [property: JsonPropertyName("unit")] HsdsUnit Unit,
    [property: JsonPropertyName("available")] int Available,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("updated")] DateTimeOffset Updated,
    [property: JsonPropertyName("maximum")] int? Maximum = null);

public sealed record HsdsUnit(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("scheme")] string Scheme,
    [property: JsonPropertyName("identifier")] string Identifier);

/// <summary>A value tagged with a term of one of the feed's taxonomies (see <see cref="HsdsTaxonomy"/>).</summary>
public sealed record HsdsAttribute(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("link_id")] Guid LinkId,
    [property: JsonPropertyName("link_type")] string LinkType,
    [property: JsonPropertyName("link_entity")] string LinkEntity,
    [property: JsonPropertyName("taxonomy_term_id")] Guid TaxonomyTermId,
    [property: JsonPropertyName("taxonomy_term")] HsdsTaxonomyTerm TaxonomyTerm,
    [property: JsonPropertyName("value")] string? Value = null,
    [property: JsonPropertyName("label")] string? Label = null);

public sealed record HsdsTaxonomyTerm(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("taxonomy")] string Taxonomy,
    [property: JsonPropertyName("language")] string Language);

/// <summary>A provider (zorgaanbieder) as an HSDS organization.</summary>
public sealed record HsdsOrganization(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("phones")] List<HsdsPhone> Phones,
    [property: JsonPropertyName("organization_identifiers")] List<HsdsOrganizationIdentifier> OrganizationIdentifiers,
    [property: JsonPropertyName("email")] string? Email = null,
    [property: JsonPropertyName("website")] string? Website = null);

public sealed record HsdsPhone(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("organization_id")] Guid OrganizationId,
    [property: JsonPropertyName("number")] string Number);

public sealed record HsdsOrganizationIdentifier(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("organization_id")] Guid OrganizationId,
    [property: JsonPropertyName("identifier_type")] string IdentifierType,
    [property: JsonPropertyName("identifier")] string Identifier,
    [property: JsonPropertyName("identifier_scheme")] string? IdentifierScheme = null);

/// <summary>A provider's location (vestiging) used by a current offering.</summary>
public sealed record HsdsLocation(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("location_type")] string LocationType,
    [property: JsonPropertyName("organization_id")] Guid OrganizationId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("latitude")] double Latitude,
    [property: JsonPropertyName("longitude")] double Longitude,
    [property: JsonPropertyName("addresses")] List<HsdsAddress> Addresses,
    [property: JsonPropertyName("attributes")] List<HsdsAttribute> Attributes);

/// <summary>
/// Only given when street and postcode are known. <c>state_province</c> is required by HSDS but the reference data has no
/// provinces, so it is empty; <c>region</c> holds the municipality's name.
/// </summary>
public sealed record HsdsAddress(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("location_id")] Guid LocationId,
    [property: JsonPropertyName("address_1")] string Address1,
    [property: JsonPropertyName("city")] string City,
    [property: JsonPropertyName("state_province")] string StateProvince,
    [property: JsonPropertyName("postal_code")] string PostalCode,
    [property: JsonPropertyName("country")] string Country,
    [property: JsonPropertyName("address_type")] string AddressType,
    [property: JsonPropertyName("region")] string? Region = null);
