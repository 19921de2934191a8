namespace GhostAssist.Api.Tests.Infrastructure;

/// <summary>Finds the repository root and ../shared beside it; tests read shared files in place.</summary>
public static class SharedFiles
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string SharedRoot
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("GHOSTASSIST_SHARED");
            var path = !string.IsNullOrWhiteSpace(fromEnvironment) ? fromEnvironment : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));
            if (!Directory.Exists(path))
            {
                throw new DirectoryNotFoundException($"The shared folder was not found at {path}; it must sit beside the repository (or set GHOSTASSIST_SHARED).");
            }

            return path;
        }
    }

    public static string Shared(params string[] parts) => Path.Combine([SharedRoot, .. parts]);

    public static string Repo(params string[] parts) => Path.Combine([RepositoryRoot, .. parts]);

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "GhostAssist.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("GhostAssist.sln was not found above the test binaries.");
    }
}
