using System.Security.Claims;
using GhostAssist.Api.Identity;

namespace GhostAssist.Api.Drafting;

public static class DraftsApi
{
    public static RouteGroupBuilder MapDrafts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Drafts");

        group.MapGet("/followups/kinds", () => TypedResults.Ok(FollowUpCatalog.All))
            .WithName("ListFollowUpKinds")
            .WithSummary("The follow-up plays: id, name and when to use each, in the seeds' words.");

        group.MapPost("/drafts", async (DraftRequest request, ClaimsPrincipal principal, DraftService drafts, CancellationToken cancellationToken) =>
                TypedResults.Ok(await drafts.DraftAsync(request, AppUser.From(principal), cancellationToken)))
            .WithName("CreateDraft")
            .WithSummary("Drafts a follow-up of the given kind for a thread (conversationId, or messages in the body), with its coach result.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        return group;
    }
}
