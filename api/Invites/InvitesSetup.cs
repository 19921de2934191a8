namespace GhostAssist.Api.Invites;

public static class InvitesSetup
{
    public static WebApplicationBuilder AddInvites(this WebApplicationBuilder builder)
    {
        return builder;
    }
}
