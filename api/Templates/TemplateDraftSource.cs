using GhostAssist.Api.Analysis;
using GhostAssist.Api.Drafting;
using GhostAssist.Api.Identity;
using Microsoft.EntityFrameworkCore;

namespace GhostAssist.Api.Templates;

/// <summary>Renders a template the user can see with the thread's facts, for POST /api/drafts with a templateId.</summary>
internal sealed class TemplateDraftSource(TemplatesDb db, TimeProvider clock, Microsoft.Extensions.Options.IOptions<TemplateOptions> options) : ITemplateDraftSource
{
    public async Task<RenderedTemplate> RenderAsync(Guid templateId, AppUser user, ThreadAnalysis analysis, CancellationToken cancellationToken)
    {
        var template = await TemplateService.FindAsync(db.Templates.AsNoTracking(), templateId, user, cancellationToken);
        var values = TemplateVariables.FromThread(analysis, user, clock.GetUtcNow());
        var rendered = TemplateVariables.Render(template.Subject, template.Body, values, options.Value.MaxRenderedLength);

        // An empty template subject means "keep the thread's subject" (a reply).
        var subject = string.IsNullOrWhiteSpace(rendered.Subject) ? analysis.Subject : rendered.Subject;
        await db.Templates.Where(t => t.Id == template.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedCount, t => t.UsedCount + 1), cancellationToken);
        return new RenderedTemplate(template.Kind, subject, rendered.BodyText, rendered.Warnings);
    }
}
