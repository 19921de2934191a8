namespace GhostAssist.Api.Invites;

public static class InvitesApi
{
    public static RouteGroupBuilder MapInvites(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/invites").WithTags("Invites");
        return group;
    }
}
