using GhostAssist.Api.Mail;

namespace GhostAssist.Api.Threads;

public static class ThreadsApi
{
    public sealed record ThreadListItem(string ConversationId, string Subject, int MessageCount, DateTimeOffset? LastMessageAt);

    public static RouteGroupBuilder MapThreads(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/threads").WithTags("Threads");
        group.MapGet("/", async (IMailboxSource mailbox, CancellationToken cancellationToken) =>
        {
            var threads = await mailbox.GetRecentThreadsAsync(cancellationToken);
            return TypedResults.Ok(threads.Select(t => new ThreadListItem(
                t.ConversationId,
                t.Messages.FirstOrDefault()?.Subject ?? "",
                t.Messages.Count,
                t.Messages.Max(m => m.When))).ToList());
        });
        return group;
    }
}
