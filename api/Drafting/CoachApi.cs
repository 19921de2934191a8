using GhostAssist.Api.Analysis;
using GhostAssist.Api.Infrastructure;

namespace GhostAssist.Api.Drafting;

public static class CoachApi
{
    public const int MaxBodyChars = 20_000;

    /// <summary>A draft to score; kind is optional (a WIIFM summary needs no question and no ask).</summary>
    public sealed record CoachRequest(string? Subject, string? Body, string? Kind);

    public static RouteGroupBuilder MapCoach(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/coach").WithTags("Coach");
        group.MapPost("/", (CoachRequest request) =>
            {
                if (request.Body is null)
                {
                    throw ApiProblemException.BadRequest("The body of the draft is missing.");
                }

                if (request.Body.Length > MaxBodyChars || (request.Subject?.Length ?? 0) > 1000)
                {
                    throw ApiProblemException.BadRequest($"The draft is too long to coach: the body may have at most {MaxBodyChars:N0} characters and the subject 1,000.");
                }

                if (request.Kind is not null && !FollowUpKinds.IsKnown(request.Kind))
                {
                    throw ApiProblemException.BadRequest($"Unknown kind of follow-up. Valid kinds: {string.Join(", ", FollowUpKinds.All)}.",
                        new Dictionary<string, object?> { ["validKinds"] = FollowUpKinds.All });
                }

                return TypedResults.Ok(DraftCoach.Score(request.Subject, request.Body, request.Kind));
            })
            .WithName("CoachDraft")
            .WithSummary("Scores a draft for reply likelihood (0-100) with reasons and tips.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return group;
    }
}
