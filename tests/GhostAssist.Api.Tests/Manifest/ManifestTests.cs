using System.ComponentModel;
using System.Diagnostics;
using System.Xml.Linq;
using GhostAssist.Api.Tests.Infrastructure;

namespace GhostAssist.Api.Tests.Manifest;

public sealed class ManifestTests
{
    private const string PaneOrigin = "https://localhost:3000/";
    private static readonly XNamespace OfficeApp = "http://schemas.microsoft.com/office/appforoffice/1.1";
    private static readonly XNamespace Overrides11 = "http://schemas.microsoft.com/office/mailappversionoverrides/1.1";
    private static readonly XNamespace Bt = "http://schemas.microsoft.com/office/officeappbasictypes/1.0";
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    private static string ManifestPath => SharedFiles.Repo("manifest.xml");

    private static XDocument Load() => XDocument.Load(ManifestPath);

    [Fact]
    public async Task ManifestValidatesAgainstTheOfficeAddinSchema()
    {
        var schema = SharedFiles.Shared("schemas", "addin-manifest", "OfficeAppManifestV1_1.xsd");
        var start = new ProcessStartInfo("xmllint")
        {
            ArgumentList = { "--noout", "--schema", schema, ManifestPath },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("xmllint did not start.");
        }
        catch (Win32Exception)
        {
            Assert.Fail("xmllint is not installed: install libxml2-utils (apt-get install -y libxml2-utils) to validate manifest.xml.");
            return;
        }

        using (process)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"manifest.xml does not validate (xmllint exit {process.ExitCode}):\n{await errors}{await output}");
        }
    }

    [Fact]
    public void ManifestIsAMailAddinWithAStableIdAndReadWriteItem()
    {
        var root = Load().Root!;

        Assert.Equal(OfficeApp + "OfficeApp", root.Name);
        Assert.Equal("MailApp", root.Attribute(Xsi + "type")?.Value);
        Assert.True(Guid.TryParse(root.Element(OfficeApp + "Id")?.Value, out var id) && id != Guid.Empty, "Id is a GUID");
        Assert.Equal("GhostAssist", root.Element(OfficeApp + "ProviderName")?.Value);
        Assert.Equal("ReadWriteItem", root.Element(OfficeApp + "Permissions")?.Value);
        Assert.Contains("https://login.microsoftonline.com", root.Descendants(OfficeApp + "AppDomain").Select(d => d.Value));
        var mailbox = root.Element(OfficeApp + "Requirements")!.Descendants(OfficeApp + "Set").Single(s => s.Attribute("Name")?.Value == "Mailbox");
        Assert.True(Version.Parse(mailbox.Attribute("MinVersion")!.Value) >= new Version(1, 5), "Mailbox 1.5 or higher");
    }

    [Fact]
    public void ReadButtonOpensThePaneAndComposeButtonOpensComposeMode()
    {
        var document = Load();

        Assert.Equal(PaneOrigin, PaneUrlOf(document, "MessageReadCommandSurface"));
        Assert.Equal(PaneOrigin + "?mode=compose", PaneUrlOf(document, "MessageComposeCommandSurface"));
        var forms = document.Root!.Element(OfficeApp + "FormSettings")!.Elements(OfficeApp + "Form")
            .ToDictionary(f => f.Attribute(Xsi + "type")!.Value, f => f.Descendants(OfficeApp + "SourceLocation").Single().Attribute("DefaultValue")!.Value);
        Assert.Equal(PaneOrigin, forms["ItemRead"]);
        Assert.Equal(PaneOrigin + "?mode=compose", forms["ItemEdit"]);
    }

    [Fact]
    public void EveryButtonHasALabelAndATooltip()
    {
        var document = Load();
        var buttons = document.Descendants(Overrides11 + "Control").Where(c => c.Attribute(Xsi + "type")?.Value == "Button").ToList();

        Assert.Equal(2, buttons.Count);
        Assert.All(buttons, button =>
        {
            Assert.False(string.IsNullOrWhiteSpace(ShortString(document, button.Element(Overrides11 + "Label")!)));
            var tip = button.Element(Overrides11 + "Supertip")!;
            Assert.False(string.IsNullOrWhiteSpace(ShortString(document, tip.Element(Overrides11 + "Title")!)));
            var description = document.Descendants(Bt + "LongStrings").Elements(Bt + "String")
                .Single(s => s.Attribute("id")?.Value == tip.Element(Overrides11 + "Description")!.Attribute("resid")!.Value);
            Assert.True(description.Attribute("DefaultValue")!.Value.Length >= 20, "the tooltip says what the button does");
        });
    }

    [Fact]
    public void EveryIconUrlPointsAtAnIconInTheAddinAssets()
    {
        var document = Load();
        var urls = document.Descendants()
            .Where(e => e.Name == OfficeApp + "IconUrl" || e.Name == OfficeApp + "HighResolutionIconUrl" || e.Name == Bt + "Image" && e.Parent?.Name == Bt + "Images")
            .Select(e => e.Attribute("DefaultValue")!.Value)
            .ToList();

        Assert.Equal(5, urls.Count);
        Assert.All(urls, url =>
        {
            Assert.StartsWith(PaneOrigin + "assets/icon-", url);
            var file = SharedFiles.Repo("addin", "public", "assets", url[(PaneOrigin + "assets/").Length..]);
            Assert.True(File.Exists(file), $"{url} has no file in addin/public/assets");
            var png = File.ReadAllBytes(file);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
            // The IHDR width matches the size in the file name, so Outlook does not rescale it.
            var size = int.Parse(Path.GetFileNameWithoutExtension(file)["icon-".Length..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(size, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        });
        // Every button size Outlook asks for is there.
        var buttonSizes = document.Descendants(Overrides11 + "Icon").Elements(Bt + "Image").Select(i => i.Attribute("size")!.Value).Distinct();
        Assert.Equal(["16", "32", "80"], buttonSizes.Order());
    }

    private static string PaneUrlOf(XDocument document, string surface)
    {
        var resid = document.Descendants(Overrides11 + "ExtensionPoint")
            .Single(e => e.Attribute(Xsi + "type")?.Value == surface)
            .Descendants(Overrides11 + "Action").Single(a => a.Attribute(Xsi + "type")?.Value == "ShowTaskpane")
            .Element(Overrides11 + "SourceLocation")!.Attribute("resid")!.Value;
        return document.Descendants(Bt + "Url").Single(u => u.Attribute("id")?.Value == resid).Attribute("DefaultValue")!.Value;
    }

    private static string? ShortString(XDocument document, XElement reference)
    {
        var resid = reference.Attribute("resid")!.Value;
        return document.Descendants(Bt + "ShortStrings").Elements(Bt + "String").SingleOrDefault(s => s.Attribute("id")?.Value == resid)?.Attribute("DefaultValue")?.Value;
    }
}
