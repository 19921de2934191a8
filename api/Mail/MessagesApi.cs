using GhostAssist.Api.Infrastructure;

namespace GhostAssist.Api.Mail;

/// <summary>
/// Messages by id. Outlook's Office.js conversationId is not always the one Graph files a message
/// under, so the pane turns the open message's REST id into Graph's conversation id first.
/// </summary>
public static class MessagesApi
{
    public sealed record MessageConversation(string ConversationId);

    public static RouteGroupBuilder MapMessages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/messages").WithTags("Messages");

        group.MapGet("/{messageId}/conversation", async (string messageId, IMailboxSource mailbox, CancellationToken cancellationToken) =>
            {
                var conversationId = await mailbox.FindConversationIdAsync(messageId, cancellationToken)
                    ?? throw ApiProblemException.NotFound("There is no such message in your mailbox: it may have been deleted or moved.");
                return TypedResults.Ok(new MessageConversation(conversationId));
            })
            .WithName("GetMessageConversation")
            .WithSummary("The conversation a message belongs to, by the message's REST (Graph) id as Office.js convertToRestId gives it.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }
}
