namespace GhostAssist.Api.Mail;

/// <summary>Microsoft Graph: where it is, what the API asks for on the user's behalf, how it pages and retries.</summary>
public sealed class GraphOptions
{
    public string BaseUrl { get; set; } = "https://graph.microsoft.com/v1.0";

    /// <summary>Delegated Graph permissions the features need (resource prefix added from BaseUrl's origin).</summary>
    public string[] Scopes { get; set; } = ["User.Read", "Mail.ReadWrite", "Calendars.ReadWrite"];

    /// <summary>outlook.body-content-type: "text" (see docs/decisions/0401-graph-body-content-type.md) or "html".</summary>
    public string BodyContentType { get; set; } = "text";

    /// <summary>Messages per page: a thread of up to this many is one round trip.</summary>
    public int PageSize { get; set; } = 50;

    /// <summary>Paging stops here: a thread longer than this is analysed on its latest messages.</summary>
    public int MaxThreadMessages { get; set; } = 200;

    /// <summary>The radar looks at what the user sent in the last this many days.</summary>
    public int RadarDays { get; set; } = 30;

    /// <summary>At most this many messages are read for the radar (sent and received together).</summary>
    public int RadarMaxMessages { get; set; } = 300;

    /// <summary>Retries of a throttled (429) or unavailable (503, 504) Graph call.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Seconds before a retry when Graph gives no Retry-After (the SDK backs off exponentially from it).</summary>
    public int RetryDelaySeconds { get; set; } = 2;

    /// <summary>A Retry-After longer than this is not waited for: the caller gets a 503 with it at once.</summary>
    public int MaxRetryAfterSeconds { get; set; } = 30;

    /// <summary>The scopes as MSAL asks for them: https://graph.microsoft.com/Mail.ReadWrite ...</summary>
    public IReadOnlyList<string> ResourceScopes()
    {
        var origin = new Uri(BaseUrl).GetLeftPart(UriPartial.Authority);
        return Scopes.Select(s => s.Contains("://", StringComparison.Ordinal) ? s : $"{origin}/{s}").ToArray();
    }
}
