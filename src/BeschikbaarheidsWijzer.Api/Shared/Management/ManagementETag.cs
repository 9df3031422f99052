using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BeschikbaarheidsWijzer.Api.Shared.Management;

/// <summary>
/// The entity tag of a provider, location or offering as the administration API shows it: a hash of that representation
/// (the tag itself left out). Whatever anyone changes in what the page showed changes the tag, so a PUT with
/// <c>If-Match</c> and the old tag is refused (412) instead of silently undoing someone else's edit.
/// </summary>
public static class ManagementETag
{
    /// <summary>The representation as JSON without its tag; also what the audit log keeps as before and after.</summary>
    internal static readonly JsonSerializerOptions Representation = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { LeaveOutTag } },
    };

    public static string Of<T>(T representation) =>
        $"\"{Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(representation, Representation)), 0, 12)}\"";

    /// <summary>No <c>If-Match</c> (an edit that does not ask), <c>*</c>, or one of the listed tags is the current one.</summary>
    public static bool Allows(string? ifMatch, string current) =>
        string.IsNullOrWhiteSpace(ifMatch) || ifMatch.Split(',').Select(t => t.Trim()).Any(t => t == "*" || t == current);

    public static ProblemHttpResult ChangedMeanwhile(string what) => TypedResults.Problem(
        $"This {what} was changed after the version your If-Match names. Fetch it again, redo your change and send it with the new eTag.",
        statusCode: StatusCodes.Status412PreconditionFailed, title: "Changed meanwhile");

    private static void LeaveOutTag(JsonTypeInfo info)
    {
        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            if (info.Properties[i].Name == "eTag")
            {
                info.Properties.RemoveAt(i);
            }
        }
    }
}
