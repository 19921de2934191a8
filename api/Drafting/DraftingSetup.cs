namespace GhostAssist.Api.Drafting;

public static class DraftingSetup
{
    public static WebApplicationBuilder AddDrafting(this WebApplicationBuilder builder)
    {
        return builder;
    }
}
