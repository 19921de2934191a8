namespace GhostAssist.Benchmarks;

internal static class Program
{
    private static void Main(string[] args)
    {
        if (args is ["--extraction-cpu"])
        {
            ExtractionCpuTimes.Run();
            return;
        }

        BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
