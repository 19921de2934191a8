using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace GhostAssist.Api.Templates;

/// <summary>A template on the wire. <c>etag</c> is the value to send back in If-Match.</summary>
public sealed record TemplateDto(
    Guid Id,
    string Name,
    string Kind,
    string Subject,
    string Body,
    IReadOnlyList<string> Tags,
    /// <summary>"personal" or "team".</summary>
    [property: AllowedValues(TemplateScopes.Personal, TemplateScopes.Team)] string Scope,
    /// <summary>The team of a team template: the tenant id (default team) or an Entra group id.</summary>
    string? Team,
    bool Published,
    bool Archived,
    string OwnerId,
    string OwnerName,
    int Version,
    [property: JsonPropertyName("etag")] string ETag,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    TemplateUsageDto Usage,
    IReadOnlyList<string> Variables,
    /// <summary>Whether the caller may edit, publish, archive or delete it.</summary>
    bool CanEdit)
{
    public static TemplateDto From(Template t, bool canEdit) => new(
        t.Id, t.Name, t.Kind, t.Subject, t.Body, t.Tags, t.Scope, t.TeamId, t.Published, t.Archived, t.OwnerId, t.OwnerName,
        t.Version, TemplateETag.Format(t.Version), t.CreatedAt, t.CreatedBy, t.UpdatedAt, t.UpdatedBy,
        new TemplateUsageDto(t.UsedCount, t.InsertedCount), TemplateVariables.UsedIn(t.Subject, t.Body), canEdit);
}

public sealed record TemplateUsageDto(int Used, int Inserted);

public sealed record CreateTemplateRequest(
    string? Name,
    string? Kind,
    string? Subject,
    string? Body,
    IReadOnlyList<string>? Tags,
    /// <summary>"personal" (default) or "team" (team leads only).</summary>
    string? Scope,
    /// <summary>For a team template: an Entra group id from your token's groups; default: the whole tenant.</summary>
    string? Team,
    /// <summary>For a team template: visible to members at once (default false: a draft for the team leads).</summary>
    bool? Published);

public sealed record UpdateTemplateRequest(string? Name, string? Kind, string? Subject, string? Body, IReadOnlyList<string>? Tags);

public sealed record TemplateVersionDto(
    int Version,
    string Change,
    string Name,
    string Kind,
    string Subject,
    string Body,
    IReadOnlyList<string> Tags,
    string Scope,
    string? Team,
    bool Published,
    bool Archived,
    bool Deleted,
    DateTimeOffset ChangedAt,
    string ChangedBy)
{
    public static TemplateVersionDto From(TemplateVersion v) => new(
        v.Version, v.Change, v.Name, v.Kind, v.Subject, v.Body, v.Tags, v.Scope, v.TeamId, v.Published, v.Archived, v.Deleted, v.ChangedAt, v.ChangedBy);
}

/// <summary>Render with a conversation's facts, explicit values, or both (explicit values win).</summary>
public sealed record RenderTemplateRequest(string? ConversationId, IReadOnlyDictionary<string, string?>? Values);

public sealed record RenderTemplateResponse(
    Guid TemplateId,
    int Version,
    string Kind,
    string Subject,
    string BodyText,
    /// <summary>The body as HTML, every value and template character escaped.</summary>
    string BodyHtml,
    IReadOnlyList<string> Missing,
    IReadOnlyList<string> Warnings);

public sealed record UsageRequest(
    /// <summary>"used" (the template drafted a message) or "inserted" (its text went into a sent mail).</summary>
    string? Event);

public sealed record TemplateVariableDto(string Name, string Token, string Description, string Example);

/// <summary>A team library as exported, and as accepted by import (only <c>templates</c> is required).</summary>
public sealed record TemplateLibrary(string? Format, int? FormatVersion, string? Team, DateTimeOffset? ExportedAt, IReadOnlyList<LibraryTemplate>? Templates);

public sealed record LibraryTemplate(string? Name, string? Kind, string? Subject, string? Body, IReadOnlyList<string>? Tags, bool? Published, bool? Archived);

public sealed record ImportResult(IReadOnlyList<TemplateDto> Imported, IReadOnlyList<ImportDuplicate> Duplicates);

/// <summary>A template of the file that was not imported because the team already has (or the file repeats) its name.</summary>
public sealed record ImportDuplicate(int Index, string Name, Guid? ExistingId);

public static class TemplateETag
{
    public static string Format(int version) => $"\"{version}\"";

    /// <summary>Reads "5" or W/"5"; null when the header is not an ETag of this API.</summary>
    public static int? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        if (text.StartsWith("W/", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        return text.Length >= 3 && text[0] == '"' && text[^1] == '"' && int.TryParse(text[1..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
            ? version
            : null;
    }
}
