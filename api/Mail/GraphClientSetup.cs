using System.Net;
using System.Text;
using System.Text.Json;
using GhostAssist.Api.Identity;
using GhostAssist.Api.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;

namespace GhostAssist.Api.Mail;

/// <summary>Named HTTP clients of the Graph part; tests give them a handler that trusts their loopback certificate.</summary>
public static class GraphHttpClients
{
    public const string Graph = "graph";
}

/// <summary>
/// The request-scoped <see cref="GraphServiceClient"/>: acts on behalf of the caller (on-behalf-of
/// token), retries throttling with the SDK's retry handler, and turns Graph failures into problems.
/// Other features (invites) take it from DI as it is.
/// </summary>
public static class GraphClientSetup
{
    public static IServiceCollection AddGraphClient(this IServiceCollection services)
    {
        services.AddHttpClient(GraphHttpClients.Graph);
        services.AddScoped<GraphAccessTokens>();
        services.AddScoped(provider =>
        {
            var options = provider.GetRequiredService<IOptions<GraphOptions>>().Value;
            var logger = provider.GetRequiredService<ILogger<GraphServiceClient>>();
            var handlers = GraphClientFactory.CreateDefaultHandlers();
            var retry = new RetryHandler(new RetryHandlerOption
            {
                MaxRetry = options.MaxRetries,
                Delay = options.RetryDelaySeconds,
                // The handler waits what Retry-After says; a wait longer than a pane user would sit
                // through is not waited for but passed on (503 with that Retry-After).
                ShouldRetry = (delaySeconds, _, response) =>
                    response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout
                    && (response.Headers.RetryAfter is null ? delaySeconds : GraphProblemHandler.RetryAfterSeconds(response)) <= options.MaxRetryAfterSeconds,
            });
            var index = handlers.ToList().FindIndex(h => h is RetryHandler);
            if (index >= 0)
            {
                handlers[index] = retry;
            }
            else
            {
                handlers.Insert(0, retry);
            }

            handlers.Insert(0, new GraphProblemHandler(logger, options));
            handlers.Add(new ThrottleRecorder());
            var network = provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(GraphHttpClients.Graph);
            // The network handler is pooled by the factory: this client must not dispose it.
            var httpClient = GraphClientFactory.Create(handlers, finalHandler: network, disposeHandler: false);
            var auth = new BaseBearerTokenAuthenticationProvider(provider.GetRequiredService<GraphAccessTokens>());
            return new GraphServiceClient(httpClient, auth, options.BaseUrl.TrimEnd('/'));
        });
        return services;
    }
}

/// <summary>Gives the Graph SDK an on-behalf-of token for the caller of the current request.</summary>
internal sealed class GraphAccessTokens(OnBehalfOfTokens tokens, IHttpContextAccessor accessor, IOptions<GraphOptions> graph)
    : IAccessTokenProvider
{
    public AllowedHostsValidator AllowedHostsValidator { get; } = new([new Uri(graph.Value.BaseUrl).Host]);

    // Parallel Graph calls of one request share one token exchange.
    private Task<string>? _token;

    public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
    {
        if (!AllowedHostsValidator.IsUrlHostValid(uri))
        {
            // Never hand the user's Graph token to another host (a nextLink could point anywhere).
            return Task.FromException<string>(new ApiProblemException(StatusCodes.Status502BadGateway, "Unexpected Microsoft Graph address", "Microsoft Graph pointed the API at a host it does not trust."));
        }

        if (additionalAuthenticationContext?.ContainsKey("claims") == true)
        {
            return AcquireAsync(additionalAuthenticationContext, cancellationToken);
        }

        var token = _token ??= AcquireAsync(null, cancellationToken);
        if (token.IsFaulted || token.IsCanceled)
        {
            // A failed exchange is not remembered: the next call may succeed.
            _token = null;
        }

        return token;
    }

    private async Task<string> AcquireAsync(Dictionary<string, object>? additionalAuthenticationContext, CancellationToken cancellationToken)
    {
        var context = accessor.HttpContext ?? throw new InvalidOperationException("Graph is called on a user's behalf, so only while serving that user's request.");
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiProblemException(StatusCodes.Status401Unauthorized, "Sign-in required", "Microsoft Graph is read on your behalf, so the request needs your access token.");
        }

        string? claims = null;
        if (additionalAuthenticationContext?.TryGetValue("claims", out var value) == true && value is string encoded && encoded.Length > 0)
        {
            // Graph's continuous access evaluation challenge carries the claims base64-encoded.
            claims = TryDecodeBase64(encoded) ?? encoded;
        }

        return await tokens.AcquireAsync(context.User, graph.Value.ResourceScopes(), claims, cancellationToken);
    }

    private static string? TryDecodeBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) ? Encoding.UTF8.GetString(buffer, 0, written) : null;
    }
}

/// <summary>
/// Remembers the last throttling answer below the SDK's retry handler, so that when the retries run
/// out the caller can still be told how long Graph asked to wait.
/// </summary>
internal sealed class ThrottleRecorder : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<int> RetryAfterKey = new("GhostAssist.GraphRetryAfter");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
        {
            request.Options.Set(RetryAfterKey, GraphProblemHandler.RetryAfterSeconds(response));
            Telemetry.RecordGraphThrottled((int)response.StatusCode);
        }

        return response;
    }
}

/// <summary>
/// The outermost Graph handler: what Graph still refuses after retries becomes a problem with a clear
/// message. Logs carry the method, status and Graph's request id, never a query, body or address.
/// </summary>
internal sealed class GraphProblemHandler(ILogger logger, GraphOptions options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && ex is not ApiProblemException && request.Options.TryGetValue(ThrottleRecorder.RetryAfterKey, out var wait))
        {
            // The retry handler gave up on a throttled call.
            logger.LogWarning("Graph {Method} still throttled after {MaxRetries} retries", request.Method, options.MaxRetries);
            throw Unavailable(wait);
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning("Graph {Method} failed to connect ({Error})", request.Method, ex.HttpRequestError);
            throw new ApiProblemException(StatusCodes.Status502BadGateway, "Microsoft Graph is unreachable", "The API could not reach Microsoft Graph; try again in a moment.");
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        var status = (int)response.StatusCode;
        var requestId = response.Headers.TryGetValues("request-id", out var ids) ? ids.FirstOrDefault() : null;
        var code = await ErrorCodeAsync(response, cancellationToken);
        logger.LogInformation("Graph {Method} answered {Status} ({GraphError}, request-id {RequestId})", request.Method, status, code, requestId);
        var extensions = new Dictionary<string, object?> { ["graphError"] = code, ["graphRequestId"] = requestId };
        switch (response.StatusCode)
        {
            case HttpStatusCode.NotFound:
                response.Dispose();
                throw new ApiProblemException(StatusCodes.Status404NotFound, "Not found",
                    "Microsoft Graph found no such item in your mailbox: it may have been deleted or moved, or belong to another mailbox.", extensions);
            case HttpStatusCode.Forbidden:
                response.Dispose();
                throw new ApiProblemException(StatusCodes.Status403Forbidden, "Forbidden",
                    "Microsoft Graph refused access to this item: your account or the GhostAssist app lacks the permission (an admin may need to grant Mail.ReadWrite or Calendars.ReadWrite).", extensions);
            case HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout:
                var wait = RetryAfterSeconds(response);
                response.Dispose();
                throw Unavailable(wait);
            case HttpStatusCode.Unauthorized when !HasClaimsChallenge(response):
                response.Dispose();
                throw new ApiProblemException(StatusCodes.Status502BadGateway, "Microsoft Graph refused the token",
                    "Microsoft Graph did not accept the token the API obtained on your behalf; an admin should check the app registration's Graph permissions.", extensions);
            case HttpStatusCode.Unauthorized:
                // A claims challenge (continuous access evaluation): the SDK asks for a new token with those claims.
                return response;
            case HttpStatusCode.BadRequest:
                response.Dispose();
                throw ApiProblemException.BadRequest(
                    $"Microsoft Graph refused the request as invalid ({code ?? "no error code"}): check the message or conversation id.", extensions);
            default:
                response.Dispose();
                throw new ApiProblemException(StatusCodes.Status502BadGateway, "Microsoft Graph failed",
                    $"Microsoft Graph answered {status} ({code ?? "no error code"}); try again later.", extensions);
        }
    }

    private ApiProblemException Unavailable(int retryAfterSeconds) =>
        new(StatusCodes.Status503ServiceUnavailable, "Microsoft Graph is busy",
            $"Microsoft Graph is throttling or unavailable for your mailbox. Retry after {retryAfterSeconds} seconds.",
            new Dictionary<string, object?> { ["retryAfterSeconds"] = retryAfterSeconds });

    public static int RetryAfterSeconds(HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return Math.Max(1, (int)Math.Ceiling(delta.TotalSeconds));
        }

        if (retryAfter?.Date is { } date)
        {
            return Math.Max(1, (int)Math.Ceiling((date - DateTimeOffset.UtcNow).TotalSeconds));
        }

        return 5;
    }

    private static bool HasClaimsChallenge(HttpResponseMessage response) =>
        response.Headers.WwwAuthenticate.Any(h => h.Parameter?.Contains("claims=", StringComparison.OrdinalIgnoreCase) == true);

    private static async Task<string?> ErrorCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            using var document = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
            return document.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("code", out var code) ? code.GetString() : null;
        }
        catch (Exception ex) when (ex is JsonException or HttpRequestException or InvalidOperationException)
        {
            return null;
        }
    }
}
