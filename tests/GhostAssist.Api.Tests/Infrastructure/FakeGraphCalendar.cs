using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GhostAssist.Api.Tests.Infrastructure;

/// <summary>
/// Graph's calendar endpoints in Graph's documented JSON shape: GET /me/calendar, POST /me/events
/// (echoing the event with an id and webLink; a POST repeating a stored event's transactionId gets
/// that event back instead of a second one, which is what transactionId is for), GET /me/events/{id},
/// and POST /me/findMeetingTimes (every free half hour of the working day in the asked window).
/// Shared by the invite tests and the runnable loopback Microsoft.
/// </summary>
public sealed class FakeGraphCalendar(bool teams)
{
    private readonly Dictionary<string, JsonObject> _events = new(StringComparer.Ordinal);

    /// <summary>The stored events by id (lock it to read or change).</summary>
    public Dictionary<string, JsonObject> Events => _events;

    /// <summary>POST /me/events requests that repeated a stored event's transactionId.</summary>
    public int TransactionReplays { get; private set; }

    public void Map(IEndpointRouteBuilder graph)
    {
        graph.MapGet("/me/calendar", () => Results.Content(
            teams ? "{\"allowedOnlineMeetingProviders\":[\"teamsForBusiness\"],\"defaultOnlineMeetingProvider\":\"teamsForBusiness\"}"
                  : "{\"allowedOnlineMeetingProviders\":[],\"defaultOnlineMeetingProvider\":\"unknown\"}",
            "application/json"));
        graph.MapPost("/me/events", async (HttpContext context) =>
        {
            var posted = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
            var transactionId = posted["transactionId"]?.GetValue<string>();
            lock (_events)
            {
                if (transactionId is not null && _events.Values.FirstOrDefault(e => e["transactionId"]?.GetValue<string>() == transactionId) is { } same)
                {
                    TransactionReplays++;
                    return Results.Content(same.ToJsonString(), "application/json", statusCode: 201);
                }

                var number = _events.Count + 1;
                while (_events.ContainsKey($"event-{number}"))
                {
                    number++;
                }

                var id = $"event-{number}";
                var created = new JsonObject
                {
                    ["id"] = id,
                    ["subject"] = posted["subject"]?.DeepClone(),
                    ["bodyPreview"] = "Hi Dana, the aim of these minutes...",
                    ["start"] = posted["start"]?.DeepClone(),
                    ["end"] = posted["end"]?.DeepClone(),
                    ["attendees"] = posted["attendees"]?.DeepClone(),
                    ["isOnlineMeeting"] = posted["isOnlineMeeting"]?.DeepClone() ?? false,
                    ["transactionId"] = transactionId,
                    ["webLink"] = $"https://outlook.example/owa/?itemid={id}",
                };
                _events[id] = created;
                return Results.Content(created.ToJsonString(), "application/json", statusCode: 201);
            }
        });
        graph.MapGet("/me/events/{id}", (string id) =>
        {
            lock (_events)
            {
                return _events.TryGetValue(id, out var found)
                    ? Results.Content(found.ToJsonString(), "application/json")
                    : Results.Json(new { error = new { code = "ErrorItemNotFound", message = "Not found." } }, statusCode: 404);
            }
        });
        graph.MapPost("/me/findMeetingTimes", async (HttpContext context) =>
        {
            var body = (await JsonNode.ParseAsync(context.Request.Body))!;
            var slot = body["timeConstraint"]!["timeSlots"]![0]!;
            var zone = slot["start"]!["timeZone"]!.GetValue<string>();
            var from = DateTime.Parse(slot["start"]!["dateTime"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            var to = DateTime.Parse(slot["end"]!["dateTime"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            var minutes = System.Xml.XmlConvert.ToTimeSpan(body["meetingDuration"]?.GetValue<string>() ?? "PT30M");
            var max = body["maxCandidates"]?.GetValue<int>() ?? 20;
            var suggestions = new JsonArray();
            var start = from.Date.AddHours(from.Hour).AddMinutes(from.Minute > 30 ? 60 : from.Minute > 0 ? 30 : 0);
            for (var at = start; at + minutes <= to && suggestions.Count < max; at = at.AddMinutes(30))
            {
                if (at.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || at.Hour < 9 || at + minutes > at.Date.AddHours(17))
                {
                    continue;
                }

                suggestions.Add(new JsonObject
                {
                    ["confidence"] = 100,
                    ["organizerAvailability"] = "free",
                    ["suggestionReason"] = "Suggested because it is one of the nearest times when all attendees are available.",
                    ["meetingTimeSlot"] = new JsonObject
                    {
                        ["start"] = new JsonObject { ["dateTime"] = at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture), ["timeZone"] = zone },
                        ["end"] = new JsonObject { ["dateTime"] = (at + minutes).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture), ["timeZone"] = zone },
                    },
                    ["attendeeAvailability"] = new JsonArray(),
                    ["locations"] = new JsonArray(),
                });
            }

            return Results.Content(new JsonObject
            {
                ["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.meetingTimeSuggestionsResult",
                ["emptySuggestionsReason"] = suggestions.Count == 0 ? "attendeesUnavailable" : "",
                ["meetingTimeSuggestions"] = suggestions,
            }.ToJsonString(), "application/json");
        });
    }
}
