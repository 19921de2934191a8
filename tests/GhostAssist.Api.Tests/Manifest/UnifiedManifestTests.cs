using System.Text.Json;
using System.Xml.Linq;
using GhostAssist.Api.Tests.Infrastructure;

namespace GhostAssist.Api.Tests.Manifest;

/// <summary>
/// manifest.json (the Microsoft 365 unified manifest) and manifest.xml (add-in only) describe the same
/// add-in: same id, names, description, icons, pane URLs, buttons and permission. Either may be
/// sideloaded, so they must not drift. (The pane's tests validate manifest.json against the schema
/// @microsoft/app-manifest ships.)
/// </summary>
public sealed class UnifiedManifestTests
{
    private static readonly XNamespace OfficeApp = "http://schemas.microsoft.com/office/appforoffice/1.1";
    private static readonly XNamespace Overrides11 = "http://schemas.microsoft.com/office/mailappversionoverrides/1.1";
    private static readonly XNamespace Bt = "http://schemas.microsoft.com/office/officeappbasictypes/1.0";

    private static readonly XElement Xml = XDocument.Load(SharedFiles.Repo("manifest.xml")).Root!;
    private static readonly JsonElement Json = JsonDocument.Parse(File.ReadAllText(SharedFiles.Repo("manifest.json"))).RootElement;

    private static string XmlValue(string element) => Xml.Element(OfficeApp + element)!.Attribute("DefaultValue")?.Value ?? Xml.Element(OfficeApp + element)!.Value;

    private static IEnumerable<JsonElement> Controls() =>
        Json.GetProperty("extensions")[0].GetProperty("ribbons").EnumerateArray()
            .SelectMany(r => r.GetProperty("tabs").EnumerateArray())
            .SelectMany(t => t.GetProperty("groups").EnumerateArray())
            .SelectMany(g => g.GetProperty("controls").EnumerateArray());

    private static string Resource(string kind, string id) =>
        Xml.Descendants(Bt + kind).Single(e => e.Attribute("id")?.Value == id).Attribute("DefaultValue")!.Value;

    [Fact]
    public void IdVersionNamesAndDescriptionAreTheSame()
    {
        Assert.Equal(Xml.Element(OfficeApp + "Id")!.Value, Json.GetProperty("id").GetString());
        Assert.StartsWith(Json.GetProperty("version").GetString() + ".", Xml.Element(OfficeApp + "Version")!.Value, StringComparison.Ordinal);
        Assert.Equal(XmlValue("DisplayName"), Json.GetProperty("name").GetProperty("short").GetString());
        Assert.Equal(Xml.Element(OfficeApp + "ProviderName")!.Value, Json.GetProperty("developer").GetProperty("name").GetString());
        Assert.Equal(XmlValue("Description"), Json.GetProperty("description").GetProperty("full").GetString());
        Assert.Equal(XmlValue("SupportUrl"), Json.GetProperty("developer").GetProperty("websiteUrl").GetString());
    }

    [Fact]
    public void IconsAreTheSameFilesTheApiServes()
    {
        var icons = Json.GetProperty("icons");
        foreach (var name in new[] { "outline", "color" })
        {
            var path = icons.GetProperty(name).GetString()!;
            Assert.True(File.Exists(SharedFiles.Repo(path.Split('/'))), $"icons.{name}: {path} is in the repository");
        }

        // The colour icon is the XML's high-resolution icon; the outline is the 32 px one the ribbon uses.
        Assert.EndsWith(Path.GetFileName(icons.GetProperty("color").GetString()!), XmlValue("HighResolutionIconUrl"), StringComparison.Ordinal);
        var xmlImages = Xml.Descendants(Bt + "Image").Where(e => e.Attribute("id") is not null)
            .ToDictionary(e => int.Parse(e.Attribute("id")!.Value.Split('.')[1], System.Globalization.CultureInfo.InvariantCulture), e => e.Attribute("DefaultValue")!.Value);
        foreach (var control in Controls())
        {
            var jsonImages = control.GetProperty("icons").EnumerateArray().ToDictionary(i => i.GetProperty("size").GetInt32(), i => i.GetProperty("url").GetString()!);
            Assert.Equal(xmlImages.OrderBy(i => i.Key), jsonImages.OrderBy(i => i.Key));
        }

        Assert.EndsWith(Path.GetFileName(icons.GetProperty("outline").GetString()!), xmlImages[32], StringComparison.Ordinal);
    }

    [Fact]
    public void ButtonsOpenTheSamePanesWithTheSameWords()
    {
        var runtimes = Json.GetProperty("extensions")[0].GetProperty("runtimes").EnumerateArray()
            .SelectMany(r => r.GetProperty("actions").EnumerateArray().Select(a => (Action: a.GetProperty("id").GetString()!, Page: r.GetProperty("code").GetProperty("page").GetString()!)))
            .ToDictionary(a => a.Action, a => a.Page);
        var xmlControls = Xml.Descendants(Overrides11 + "Control").ToDictionary(c => c.Attribute("id")!.Value);
        var jsonControls = Controls().ToDictionary(c => c.GetProperty("id").GetString()!);

        Assert.Equal(xmlControls.Keys.Order(), jsonControls.Keys.Order());
        foreach (var (id, xml) in xmlControls)
        {
            var json = jsonControls[id];
            Assert.Equal(Resource("String", xml.Element(Overrides11 + "Label")!.Attribute("resid")!.Value), json.GetProperty("label").GetString());
            Assert.Equal(Resource("String", xml.Descendants(Overrides11 + "Description").Single().Attribute("resid")!.Value), json.GetProperty("supertip").GetProperty("description").GetString());
            var pane = Resource("Url", xml.Descendants(Overrides11 + "SourceLocation").Single().Attribute("resid")!.Value);
            Assert.Equal(pane, runtimes[json.GetProperty("actionId").GetString()!]);
        }

        // The read button is on read forms, the compose button on compose forms, in both manifests.
        var contexts = Json.GetProperty("extensions")[0].GetProperty("ribbons").EnumerateArray()
            .SelectMany(r => r.GetProperty("contexts").EnumerateArray().Select(c => c.GetString()!)
                .SelectMany(c => r.GetProperty("tabs").EnumerateArray().SelectMany(t => t.GetProperty("groups").EnumerateArray())
                    .SelectMany(g => g.GetProperty("controls").EnumerateArray()).Select(control => (c, Id: control.GetProperty("id").GetString()!))))
            .ToHashSet();
        foreach (var surface in Xml.Descendants(Overrides11 + "ExtensionPoint"))
        {
            var context = surface.Attribute(XNamespace.Get("http://www.w3.org/2001/XMLSchema-instance") + "type")!.Value == "MessageReadCommandSurface" ? "mailRead" : "mailCompose";
            foreach (var control in surface.Descendants(Overrides11 + "Control"))
            {
                Assert.Contains((context, control.Attribute("id")!.Value), contexts);
            }
        }
    }

    [Fact]
    public void PermissionRequirementsAndDomainsAreTheSame()
    {
        var extension = Json.GetProperty("extensions")[0];
        Assert.Equal("ReadWriteItem", Xml.Element(OfficeApp + "Permissions")!.Value);
        var permission = Assert.Single(Json.GetProperty("authorization").GetProperty("permissions").GetProperty("resourceSpecific").EnumerateArray());
        Assert.Equal("MailboxItem.ReadWrite.User", permission.GetProperty("name").GetString());
        Assert.Equal("Delegated", permission.GetProperty("type").GetString());

        var set = Xml.Descendants(OfficeApp + "Set").Single();
        var capability = Assert.Single(extension.GetProperty("requirements").GetProperty("capabilities").EnumerateArray());
        Assert.Equal(set.Attribute("Name")!.Value, capability.GetProperty("name").GetString());
        Assert.Equal(set.Attribute("MinVersion")!.Value, capability.GetProperty("minVersion").GetString());
        Assert.Equal(["mail"], extension.GetProperty("requirements").GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));

        var xmlDomains = Xml.Descendants(OfficeApp + "AppDomain").Select(d => new Uri(d.Value).Host).Order();
        Assert.Equal(xmlDomains, Json.GetProperty("validDomains").EnumerateArray().Select(d => d.GetString()!).Order());
    }
}
