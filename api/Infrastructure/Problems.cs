using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.AspNetCore.Mvc;

namespace GhostAssist.Api.Infrastructure;

/// <summary>
/// Thrown from deep inside a feature when the request cannot be served; the exception handler turns
/// it into an RFC 7807 problem so that no code path has to thread IResult back up the stack.
/// </summary>
public sealed class ApiProblemException(int status, string title, string detail, IDictionary<string, object?>? extensions = null)
    : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public string Detail { get; } = detail;
    public IDictionary<string, object?> Extensions { get; } = extensions ?? new Dictionary<string, object?>();

    public static ApiProblemException BadRequest(string detail, IDictionary<string, object?>? extensions = null) =>
        new(StatusCodes.Status400BadRequest, "The request is not valid", detail, extensions);

    public static ApiProblemException NotFound(string detail) =>
        new(StatusCodes.Status404NotFound, "Not found", detail);

    public static ApiProblemException Unprocessable(string detail, IDictionary<string, object?>? extensions = null) =>
        new(StatusCodes.Status422UnprocessableEntity, "The request cannot be processed", detail, extensions);

    public static ApiProblemException Forbidden(string detail) =>
        new(StatusCodes.Status403Forbidden, "Forbidden", detail);

    public static ApiProblemException Conflict(string detail, IDictionary<string, object?>? extensions = null) =>
        new(StatusCodes.Status409Conflict, "Conflict", detail, extensions);
}

public static class Problems
{
    public static WebApplicationBuilder AddProblems(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            // One id for the caller and the log: a 500's traceId is the id its log line carries.
            context.ProblemDetails.Extensions["traceId"] = TraceId(context.HttpContext);
            // Status code pages carry no detail of their own; say what went wrong in the caller's terms.
            var request = context.HttpContext.Request;
            context.ProblemDetails.Detail ??= context.ProblemDetails.Status switch
            {
                StatusCodes.Status404NotFound => $"There is no API endpoint at {request.Path}.",
                StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {request.Path}.",
                StatusCodes.Status415UnsupportedMediaType => $"{request.Path} expects a JSON body (Content-Type: application/json).",
                StatusCodes.Status401Unauthorized => "Sign in: this request needs a valid access token.",
                StatusCodes.Status403Forbidden => "The signed-in user is not allowed to do this.",
                StatusCodes.Status408RequestTimeout => "The request body arrived too slowly and the server stopped waiting; send it again in one go.",
                StatusCodes.Status413PayloadTooLarge => $"The request body is larger than this API accepts (at most {MaxBodyBytes(context.HttpContext):N0} bytes).",
                StatusCodes.Status431RequestHeaderFieldsTooLarge => "The request headers are too large; send fewer or shorter headers.",
                StatusCodes.Status400BadRequest => "The request is not valid: check it against the API description at /swagger/v1/swagger.json.",
                _ => null,
            };
            // A thrown 429/503 loses its headers when the exception handler clears the response.
            if (context.ProblemDetails.Status is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable
                && context.ProblemDetails.Extensions.TryGetValue("retryAfterSeconds", out var retryAfter) && retryAfter is int seconds
                && !context.HttpContext.Response.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.RetryAfter))
            {
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            // Never an empty detail: the status's own phrase at the very least.
            if (string.IsNullOrWhiteSpace(context.ProblemDetails.Detail))
            {
                var phrase = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(context.ProblemDetails.Status ?? 500);
                context.ProblemDetails.Detail = $"{(phrase.Length > 0 ? phrase : "The request failed")}.";
            }
        });
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();

        // Binding failures must say what was wrong, not just "400": throw, and let the handler word it.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.Configure<HttpJsonOptions>(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            options.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
        });
        return builder;
    }

    /// <summary>The request's trace id, as the problem's traceId and every log line about the request carry it.</summary>
    public static string TraceId(HttpContext context) => Activity.Current?.Id ?? context.TraceIdentifier;

    private static long MaxBodyBytes(HttpContext context) =>
        context.RequestServices.GetService<Microsoft.Extensions.Options.IOptions<LimitsOptions>>()?.Value.MaxRequestBodyBytes ?? new LimitsOptions().MaxRequestBodyBytes;

    /// <summary>Writes a problem+json response with the shared shape (used where no exception is involved).</summary>
    public static Task WriteAsync(HttpContext context, int status, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        context.Response.StatusCode = status;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        return service.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = Create(status, title, detail, extensions) }).AsTask();
    }

    internal static ProblemDetails Create(int status, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (extensions is not null)
        {
            foreach (var (key, value) in extensions)
            {
                problem.Extensions[key] = value;
            }
        }

        return problem;
    }
}

internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, Microsoft.Extensions.Options.IOptions<LimitsOptions> limits, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a caller is asked to wait when the database cannot be reached.</summary>
    public const int StoreRetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ApiProblemException api => Problems.Create(api.Status, api.Title, api.Detail, api.Extensions),
            BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge =>
                Problems.Create(413, "The request body is too large", $"The request body is larger than this API accepts (at most {limits.Value.MaxRequestBodyBytes:N0} bytes).",
                    new Dictionary<string, object?> { ["limitBytes"] = limits.Value.MaxRequestBodyBytes }),
            BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status408RequestTimeout =>
                Problems.Create(408, "The request took too long", "The request body arrived too slowly and the server stopped waiting; send it again in one go."),
            BadHttpRequestException bad => Problems.Create(bad.StatusCode, "The request is not valid", Describe(bad)),
            JsonException json => Problems.Create(400, "The request is not valid", Describe(json)),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => null,
            _ when StoreUnavailable(exception) => Problems.Create(503, "The template store is unavailable",
                $"The database behind this API cannot be reached right now; nothing was changed. Retry after {StoreRetryAfterSeconds} seconds.",
                new Dictionary<string, object?> { ["retryAfterSeconds"] = StoreRetryAfterSeconds }),
            _ => null,
        };

        if (problem is null)
        {
            if (context.RequestAborted.IsCancellationRequested)
            {
                return true;
            }

            // Only the exception type and the trace id: messages may quote request content.
            logger.LogError("Unhandled {ExceptionType} on {Path} (trace {TraceId})", exception.GetType().Name, LogSafe.Id(context.Request.Path), Problems.TraceId(context));
            problem = Problems.Create(500, "Something went wrong", "The server could not complete the request. It was logged with the trace id; retry, or report the trace id.");
        }
        else if (problem.Status == StatusCodes.Status503ServiceUnavailable && exception is not ApiProblemException)
        {
            context.Response.Headers.RetryAfter = StoreRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            logger.LogWarning("Store unavailable ({ExceptionType}) on {Path} (trace {TraceId})", exception.GetType().Name, LogSafe.Id(context.Request.Path), Problems.TraceId(context));
        }

        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>A database that refuses connections or drops them mid-query (PostgreSQL restarting, a network cut).</summary>
    internal static bool StoreUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is System.Net.Sockets.SocketException
                || (e is System.Data.Common.DbException db && (db.IsTransient || e.GetType().Name == "NpgsqlException"))
                || e.GetType().Name is "PostgresException" && e.Message.Contains("57P", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(BadHttpRequestException bad)
    {
        // Minimal API binding wraps the JsonException; its message names the path and the position.
        if (bad.InnerException is JsonException json)
        {
            return Describe(json);
        }

        // The framework's wording is meant for developers ("Implicit body inferred ... Did you mean
        // to use a Service instead?"); callers need to know what to send.
        if (bad.Message.Contains("no body was provided", StringComparison.Ordinal))
        {
            return "This request needs a JSON body (Content-Type: application/json).";
        }

        var header = HeaderParameter().Match(bad.Message);
        if (header.Success)
        {
            return $"The {header.Groups["name"].Value} header is not valid here.";
        }

        var parameter = RouteParameter().Match(bad.Message);
        if (parameter.Success)
        {
            return $"\"{Shorten(parameter.Groups["value"].Value)}\" is not a valid {parameter.Groups["name"].Value} ({Friendly(parameter.Groups["type"].Value)} expected).";
        }

        return WithoutTypeNames(bad.Message);
    }

    /// <summary>System.Text.Json's wording with the .NET type names replaced by what to send.</summary>
    internal static string Describe(JsonException json)
    {
        var path = string.IsNullOrEmpty(json.Path) ? "$" : json.Path;
        var converted = ConvertedTo().Match(json.Message);
        if (converted.Success)
        {
            return $"The JSON body is not valid at {path}: expected {Friendly(converted.Groups["type"].Value)}.";
        }

        return $"The JSON body is malformed: {WithoutTypeNames(json.Message)}";
    }

    private static string Friendly(string type)
    {
        var name = type.Trim();
        if (name.EndsWith("[]", StringComparison.Ordinal) || name.Contains("List`", StringComparison.Ordinal) || name.Contains("Enumerable`", StringComparison.Ordinal) || name.Contains("Collection`", StringComparison.Ordinal))
        {
            return "an array";
        }

        if (name.Contains("Dictionary`", StringComparison.Ordinal))
        {
            return "an object";
        }

        var bare = name.Contains("Nullable`", StringComparison.Ordinal) ? name[(name.IndexOf('[') + 1)..].TrimEnd(']') : name;
        bare = bare[(bare.LastIndexOf('.') + 1)..];
        return bare switch
        {
            "String" or "string" => "a string",
            "Int32" or "Int64" or "Int16" or "Double" or "Decimal" or "Single" or "int" or "long" or "double" => "a number",
            "Boolean" or "bool" => "true or false",
            "DateTimeOffset" or "DateTime" => "a date and time in ISO 8601 with an offset, such as 2026-11-24T10:00:00Z",
            "DateOnly" => "a date such as 2026-11-24",
            "Guid" => "an id such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301",
            _ => "an object",
        };
    }

    // Any leftover namespace-qualified or generic .NET type name: callers cannot act on it.
    private static string WithoutTypeNames(string message) =>
        DotNetTypeName().Replace(message, "a value").Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..60] + "…";

    [System.Text.RegularExpressions.GeneratedRegex(@"could not be converted to (?<type>[^.\s][^\s]*?)\.?( Path|$)", System.Text.RegularExpressions.RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial System.Text.RegularExpressions.Regex ConvertedTo();

    [System.Text.RegularExpressions.GeneratedRegex(@"Failed to bind parameter ""(?<type>[^ ""]+) (?<name>[^ ""]+)"" from ""(?<value>[^""]*)""", System.Text.RegularExpressions.RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial System.Text.RegularExpressions.Regex RouteParameter();

    [System.Text.RegularExpressions.GeneratedRegex(@"Required parameter ""[^ ""]+ (?<name>[^ ""]+)"" was not provided from header", System.Text.RegularExpressions.RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial System.Text.RegularExpressions.Regex HeaderParameter();

    [System.Text.RegularExpressions.GeneratedRegex(@"(?:System|GhostAssist|Microsoft)(?:\.[A-Za-z0-9_`]+)+(?:\[[^\]\s]*\]+)?|[A-Za-z]+`\d+(?:\[[^\]\s]*\]+)?", System.Text.RegularExpressions.RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial System.Text.RegularExpressions.Regex DotNetTypeName();
}
