using System.Security.Claims;
using GhostAssist.Api.Identity;
using GhostAssist.Api.Infrastructure;

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

        group.MapPost("/drafts/stream", async (DraftRequest request, ClaimsPrincipal principal, DraftService drafts, CancellationToken cancellationToken) =>
            {
                if (request.SaveToOutlook == true)
                {
                    throw ApiProblemException.BadRequest("A streamed draft is not saved into Outlook: save the text the user sees with POST /api/drafts/outlook.");
                }

                // Everything that can be refused (400/404/422) is decided before the first event.
                var prepared = await drafts.PrepareAsync(request, AppUser.From(principal), cancellationToken);
                return TypedResults.ServerSentEvents(drafts.StreamAsync(prepared, cancellationToken));
            })
            .WithName("StreamDraft")
            .WithSummary("The same draft as POST /api/drafts, as server-sent events: \"delta\" events while a language model writes (subject, then pieces of the body), then one \"draft\" event with the whole draft and its coach (or \"problem\"). The built-in composer sends the \"draft\" event at once.")
            .Produces<DraftStreamEvent>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/drafts/outlook", async (SaveDraftRequest request, ClaimsPrincipal principal, DraftService drafts, CancellationToken cancellationToken) =>
                TypedResults.Created((string?)null, await drafts.SaveTextAsync(request, AppUser.From(principal), cancellationToken)))
            .WithName("SaveDraftToOutlook")
            .WithSummary("Saves the given subject and text (the draft as the user edited it) into Outlook as a reply-all draft of the thread; with the play's kind (and templateId) it carries the X-GhostAssist-Play header, unless the user turned tracking off.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        return group;
    }
}
