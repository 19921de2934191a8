using GhostAssist.Api.Analysis;
using GhostAssist.Api.Drafting;
using GhostAssist.Api.Identity;
using GhostAssist.Api.Infrastructure;
using GhostAssist.Api.Invites;
using GhostAssist.Api.Mail;
using GhostAssist.Api.Outcomes;
using GhostAssist.Api.Templates;
using GhostAssist.Api.Threads;

var builder = WebApplication.CreateBuilder(args);

builder.AddHosting();
builder.AddTelemetry();
builder.AddProblems();
builder.AddRateLimits();
builder.AddOpenApiDocs();
builder.AddRedis();
builder.AddIdentity();
builder.AddMailbox();
builder.AddAnalysis();
builder.AddDrafting();
builder.AddInvites();
builder.AddTemplates();
builder.AddOutcomes();

var app = builder.Build();

app.UsePipeline();

app.MapHealth();
app.MapMe();
app.MapThreads();
app.MapMessages();
app.MapAnalysis();
app.MapDrafts();
app.MapCoach();
app.MapInvites();
app.MapTemplates();
app.MapOutcomes();
app.MapPane();

app.Run();

public partial class Program;
