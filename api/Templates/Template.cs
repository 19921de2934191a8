namespace GhostAssist.Api.Templates;

public static class TemplateScopes
{
    public const string Personal = "personal";
    public const string Team = "team";

    public static readonly IReadOnlyList<string> All = [Personal, Team];
}

/// <summary>A follow-up template as stored. <see cref="Version"/> is the concurrency token and the ETag.</summary>
public sealed class Template
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    /// <summary>"personal" or "team".</summary>
    public required string Scope { get; set; }

    /// <summary>The team of a team template: the tenant id (the default team) or an Entra group id.</summary>
    public string? TeamId { get; set; }

    public required string OwnerId { get; set; }

    public required string OwnerName { get; set; }

    /// <summary>"team:{teamId}" or "user:{ownerId}": names are unique and the count is limited per scope key.</summary>
    public required string ScopeKey { get; set; }

    public required string Name { get; set; }

    /// <summary>Upper-cased name: case-insensitive uniqueness the same way on SQLite and PostgreSQL.</summary>
    public required string NormalizedName { get; set; }

    public required string Kind { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    public List<string> Tags { get; set; } = [];

    /// <summary>Team templates are drafts for the team lead until published; members see published ones only.</summary>
    public bool Published { get; set; }

    public bool Archived { get; set; }

    /// <summary>Deleted templates stay in the store with their versions (nothing lost) but are never served.</summary>
    public DateTimeOffset? DeletedAt { get; set; }

    public int Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public required string UpdatedById { get; set; }

    public required string UpdatedBy { get; set; }

    public int UsedCount { get; set; }

    public int InsertedCount { get; set; }
}

/// <summary>One row per version of a template, the current one included: what it said and who changed it.</summary>
public sealed class TemplateVersion
{
    public Guid TemplateId { get; set; }

    public int Version { get; set; }

    public required string Name { get; set; }

    public required string Kind { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    public List<string> Tags { get; set; } = [];

    public required string Scope { get; set; }

    public string? TeamId { get; set; }

    public bool Published { get; set; }

    public bool Archived { get; set; }

    public bool Deleted { get; set; }

    /// <summary>What this version did: created, updated, published, unpublished, archived, unarchived, restored, deleted, imported.</summary>
    public required string Change { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    public required string ChangedById { get; set; }

    public required string ChangedBy { get; set; }

    public static TemplateVersion Of(Template template, string change) => new()
    {
        TemplateId = template.Id,
        Version = template.Version,
        Name = template.Name,
        Kind = template.Kind,
        Subject = template.Subject,
        Body = template.Body,
        Tags = [.. template.Tags],
        Scope = template.Scope,
        TeamId = template.TeamId,
        Published = template.Published,
        Archived = template.Archived,
        Deleted = template.DeletedAt is not null,
        Change = change,
        ChangedAt = template.UpdatedAt,
        ChangedById = template.UpdatedById,
        ChangedBy = template.UpdatedBy,
    };
}
