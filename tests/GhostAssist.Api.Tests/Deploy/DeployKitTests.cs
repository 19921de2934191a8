using System.Text.RegularExpressions;
using GhostAssist.Api.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace GhostAssist.Api.Tests.Deploy;

/// <summary>
/// Docker does not run on the machines that test GhostAssist, so the deploy kit is checked as text:
/// the Dockerfile's stages, user, health check and copied paths; the compose file's services and
/// how they reach each other; nginx's upstreams.
/// </summary>
public sealed partial class DeployKitTests
{
    private sealed record Instruction(string Stage, string Name, string Arguments);

    private static List<Instruction> Dockerfile()
    {
        // Continuation lines joined, comments dropped.
        var text = File.ReadAllText(SharedFiles.Repo("Dockerfile")).Replace("\\\n", " ", StringComparison.Ordinal);
        var instructions = new List<Instruction>();
        var stage = "";
        foreach (var line in text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var space = line.IndexOf(' ');
            var name = line[..space].ToUpperInvariant();
            var arguments = line[(space + 1)..].Trim();
            if (name == "FROM")
            {
                stage = AsStage().Match(arguments) is { Success: true } named ? named.Groups[1].Value : arguments;
            }

            instructions.Add(new Instruction(stage, name, arguments));
        }

        return instructions;
    }

    [GeneratedRegex(@"\sAS\s+(\S+)$", RegexOptions.IgnoreCase)]
    private static partial Regex AsStage();

    private static YamlMappingNode Compose()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(SharedFiles.Repo("compose.yaml"));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static YamlMappingNode Map(YamlNode node, string key) => Merged((YamlMappingNode)Merged((YamlMappingNode)node).Children[new YamlScalarNode(key)]);

    private static string? Scalar(YamlNode node, string key) =>
        Merged((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;

    /// <summary>A mapping with its YAML merge key (`&lt;&lt;: *anchor`) applied, as Compose reads it.</summary>
    private static YamlMappingNode Merged(YamlMappingNode node)
    {
        var mergeKey = new YamlScalarNode("<<");
        if (!node.Children.TryGetValue(mergeKey, out var merged))
        {
            return node;
        }

        var result = new YamlMappingNode();
        foreach (var (key, value) in Merged((YamlMappingNode)merged).Children)
        {
            result.Children[key] = value;
        }

        foreach (var (key, value) in node.Children.Where(c => !c.Key.Equals(mergeKey)))
        {
            result.Children[key] = value;
        }

        return result;
    }

    [Fact]
    public void TheImageBuildsThePaneThenTheApiAndRunsAsANonRootUserWithAHealthCheck()
    {
        var dockerfile = Dockerfile();

        var stages = dockerfile.Where(i => i.Name == "FROM").ToList();
        Assert.True(stages.Count >= 3, "pane, API build and runtime stages");
        Assert.Contains(dockerfile, i => i.Stage == "pane" && i.Name == "RUN" && i.Arguments.Contains("npm run build", StringComparison.Ordinal));
        Assert.Contains(dockerfile, i => i.Name == "COPY" && i.Arguments.StartsWith("--from=pane", StringComparison.Ordinal) && i.Arguments.Contains("wwwroot", StringComparison.Ordinal));
        var final = dockerfile.Where(i => i.Stage == dockerfile.Last(d => d.Name == "FROM").Stage).ToList();
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", final[0].Arguments, StringComparison.Ordinal);
        var user = Assert.Single(final, i => i.Name == "USER").Arguments;
        Assert.DoesNotMatch(@"^(root|0)(:|$)", user);
        Assert.True(final.FindIndex(i => i.Name == "USER") > final.FindLastIndex(i => i.Name is "RUN" or "COPY"), "nothing runs as root after USER is set");
        var health = Assert.Single(final, i => i.Name == "HEALTHCHECK").Arguments;
        var exposed = Assert.Single(final, i => i.Name == "EXPOSE").Arguments;
        Assert.Contains($"127.0.0.1:{exposed}/health/live", health, StringComparison.Ordinal);
        Assert.Contains(final, i => i.Name == "ENV" && i.Arguments.Contains($"ASPNETCORE_URLS=http://+:{exposed}", StringComparison.Ordinal));
        Assert.Contains(final, i => i.Name == "ENTRYPOINT" && i.Arguments.Contains("GhostAssist.Api.dll", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryPathTheDockerfileCopiesFromTheRepositoryExists()
    {
        var copies = Dockerfile().Where(i => i.Name == "COPY" && !i.Arguments.StartsWith("--from", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(copies);
        foreach (var copy in copies)
        {
            var parts = copy.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var source in parts[..^1])
            {
                var path = SharedFiles.Repo(source.TrimEnd('/').Split('/'));
                Assert.True(File.Exists(path) || Directory.Exists(path), $"COPY {source}: no such file or folder in the repository");
            }
        }

        // The build context leaves out what the image builds itself.
        var ignored = File.ReadAllLines(SharedFiles.Repo(".dockerignore"));
        Assert.Contains("**/node_modules/", ignored);
        Assert.Contains("**/bin/", ignored);
        Assert.Contains("**/obj/", ignored);
    }

    [Fact]
    public void ComposeRunsTwoApiInstancesBehindNginxWithPostgresAndRedis()
    {
        var services = Map(Compose(), "services");
        var names = services.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList();
        var apis = names.Where(n => services.Children[new YamlScalarNode(n)] is YamlMappingNode s && Scalar(s, "build") == ".").ToList();

        Assert.Equal(2, apis.Count);
        Assert.Contains("postgres", names);
        Assert.Contains("redis", names);
        Assert.Contains("nginx", names);
        foreach (var api in apis)
        {
            var service = Map(services, api);
            var environment = Map(service, "environment");
            Assert.StartsWith("Host=postgres;", Scalar(environment, "ConnectionStrings__Templates"), StringComparison.Ordinal);
            Assert.StartsWith("redis:6379,password=", Scalar(environment, "Redis__Configuration"), StringComparison.Ordinal);
            foreach (var key in new[] { "AzureAd__TenantId", "AzureAd__ClientId", "AzureAd__ClientSecret" })
            {
                // Required, never a value in the file: compose stops when it is not set.
                Assert.Matches(@"^\$\{[A-Z_]+:\?", Scalar(environment, key));
            }

            var dependsOn = Map(service, "depends_on");
            Assert.Equal("service_healthy", Scalar(Map(dependsOn, "postgres"), "condition"));
            Assert.Equal("service_healthy", Scalar(Map(dependsOn, "redis"), "condition"));
            Assert.DoesNotContain(new YamlScalarNode("ports"), service.Children.Keys);
        }

        var nginx = Map(services, "nginx");
        var volumes = ((YamlSequenceNode)nginx.Children[new YamlScalarNode("volumes")]).Children.Select(v => ((YamlScalarNode)v).Value!).ToList();
        var config = Assert.Single(volumes, v => v.EndsWith(":/etc/nginx/nginx.conf:ro", StringComparison.Ordinal));
        Assert.True(File.Exists(SharedFiles.Repo(config.Split(':')[0].TrimStart('.', '/').Split('/'))), $"{config}: the nginx configuration is in the repository");
    }

    [Fact]
    public void NginxSpreadsRequestsOverBothApiInstancesOnThePortTheImageExposes()
    {
        var exposed = Dockerfile().Last(i => i.Name == "EXPOSE").Arguments;
        var services = Map(Compose(), "services");
        var apis = services.Children.Where(s => s.Value is YamlMappingNode m && Scalar(m, "build") == ".").Select(s => ((YamlScalarNode)s.Key).Value!).Order().ToList();
        var conf = File.ReadAllText(SharedFiles.Repo("deploy", "nginx.conf"));

        var upstream = Regex.Match(conf, @"upstream\s+(\w+)\s*\{(?<body>[^}]*)\}");
        Assert.True(upstream.Success, "an upstream block");
        var servers = Regex.Matches(upstream.Groups["body"].Value, @"server\s+([\w.-]+):(\d+)").Select(m => (Host: m.Groups[1].Value, Port: m.Groups[2].Value)).ToList();
        Assert.Equal(apis, servers.Select(s => s.Host).Order());
        Assert.All(servers, s => Assert.Equal(exposed, s.Port));
        Assert.Contains($"proxy_pass http://{upstream.Groups[1].Value};", conf, StringComparison.Ordinal);
        Assert.Contains("X-Forwarded-Proto", conf, StringComparison.Ordinal);
        Assert.Matches(@"client_max_body_size\s+8m;", conf);
    }
}
