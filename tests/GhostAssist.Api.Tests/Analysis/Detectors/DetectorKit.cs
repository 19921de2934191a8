using GhostAssist.Api.Analysis;
using GhostAssist.Api.Mail;
using static GhostAssist.Api.Tests.Analysis.TestThreads;

namespace GhostAssist.Api.Tests.Analysis.Detectors;

/// <summary>Builds the context a detector reads straight from Graph messages: no host, no HTTP, a fixed clock.</summary>
internal static class DetectorKit
{
    public static ThreadContext Read(params GraphMessage[] messages)
    {
        var us = new OurSide(Me);
        var prepared = ThreadPreparation.Prepare(messages, us, Now, new AnalysisOptions(), [], CancellationToken.None);
        return new ThreadContext(us, prepared, ParticipantsReader.Read(prepared, us, CancellationToken.None), Now);
    }

    public static GraphMessage Ours(string id, string when, string text) => Text(id, Alex, Dana, when, text);

    public static GraphMessage Theirs(string id, string when, string text) => Text(id, Dana, Alex, when, text);
}
