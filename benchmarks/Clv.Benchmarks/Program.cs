using BenchmarkDotNet.Running;

namespace Clv.Benchmarks;

public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "pipeline")
        {
            return Pipeline.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "readinto-memory")
        {
            return ReadIntoMemory.Run(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
