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
            context.ProblemDetails.Extensions.TryAdd("traceId", Activity.Current?.Id ?? context.HttpContext.TraceIdentifier);
            // Status code pages carry no detail of their own; say what went wrong in the caller's terms.
            var request = context.HttpContext.Request;
            context.ProblemDetails.Detail ??= context.ProblemDetails.Status switch
            {
                StatusCodes.Status404NotFound => $"There is no API endpoint at {request.Path}.",
                StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {request.Path}.",
                StatusCodes.Status415UnsupportedMediaType => $"{request.Path} expects a JSON body (Content-Type: application/json).",
                StatusCodes.Status401Unauthorized => "Sign in: this request needs a valid access token.",
                StatusCodes.Status403Forbidden => "The signed-in user is not allowed to do this.",
                _ => null,
            };
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

internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ApiProblemException api => Problems.Create(api.Status, api.Title, api.Detail, api.Extensions),
            BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge =>
                Problems.Create(413, "The request body is too large", "The request body is larger than this API accepts."),
            BadHttpRequestException bad => Problems.Create(bad.StatusCode, "The request is not valid", Describe(bad)),
            JsonException json => Problems.Create(400, "The request is not valid", $"The JSON body is malformed: {json.Message}"),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => null,
            _ => null,
        };

        if (problem is null)
        {
            if (context.RequestAborted.IsCancellationRequested)
            {
                return true;
            }

            // Only the exception type and the trace id: messages may quote request content.
            logger.LogError("Unhandled {ExceptionType} on {Path} (trace {TraceId})", exception.GetType().Name, context.Request.Path, context.TraceIdentifier);
            problem = Problems.Create(500, "Something went wrong", "The server could not complete the request. It was logged with the trace id.");
        }

        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static string Describe(BadHttpRequestException bad)
    {
        // Minimal API binding wraps the JsonException; its message names the path and the position.
        if (bad.InnerException is JsonException json)
        {
            return $"The JSON body is malformed: {json.Message}";
        }

        // The framework's wording is meant for developers ("Implicit body inferred ... Did you mean
        // to use a Service instead?"); callers need to know what to send.
        if (bad.Message.Contains("no body was provided", StringComparison.Ordinal))
        {
            return "This request needs a JSON body (Content-Type: application/json).";
        }

        return bad.Message;
    }
}
