namespace GhostAssist.Api.Templates;

/// <summary>The "Templates" configuration section.</summary>
public sealed class TemplateOptions
{
    /// <summary>The SQLite file used when ConnectionStrings:Templates is not set; relative to the content root.</summary>
    public string SqlitePath { get; set; } = Path.Combine("App_Data", "templates.db");

    public int MaxNameLength { get; set; } = 120;

    public int MaxSubjectLength { get; set; } = 200;

    public int MaxBodyLength { get; set; } = 20_000;

    public int MaxTags { get; set; } = 20;

    public int MaxTagLength { get; set; } = 40;

    /// <summary>The longest value a render request may give a variable; a name or a date is far shorter.</summary>
    public int MaxValueLength { get; set; } = 1_000;

    /// <summary>
    /// The longest rendered subject + body: a 20,000-character body of {{today}} ×2,200 with 10 KB values
    /// would otherwise render 22 M characters (and its HTML) per request.
    /// </summary>
    public int MaxRenderedLength { get; set; } = 40_000;

    /// <summary>Per team, and per user for personal templates.</summary>
    public int MaxTemplatesPerTeam { get; set; } = 500;
}

public static class TemplateLimits
{
    /// <summary>The column width: configuration may lower the name limit, never raise it past the schema.</summary>
    public const int NameHardMax = 200;
}
