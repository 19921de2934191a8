using GhostAssist.Api.Analysis;
using GhostAssist.Api.Identity;

namespace GhostAssist.Api.Drafting;

/// <summary>A template rendered with a thread's facts, for POST /api/drafts with a templateId.</summary>
public sealed record RenderedTemplate(string Kind, string Subject, string BodyText, IReadOnlyList<string> Warnings);

/// <summary>
/// How drafting reaches the team templates without depending on their storage. Implemented by the
/// templates feature; throws an ApiProblemException (404) when the user cannot see the template.
/// </summary>
public interface ITemplateDraftSource
{
    Task<RenderedTemplate> RenderAsync(Guid templateId, AppUser user, ThreadAnalysis analysis, CancellationToken cancellationToken);
}
