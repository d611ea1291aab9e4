using AwsIotDevice.Benchmarks;

// Figures only, no pass/fail: see the README comment in Benchmarks.csproj.
bool optimized = typeof(Program).Assembly.GetCustomAttributes(typeof(System.Diagnostics.DebuggableAttribute), false)
    .Cast<System.Diagnostics.DebuggableAttribute>().All(a => !a.IsJITOptimizerDisabled);
Console.WriteLine($"AwsIotDevice benchmarks ({(optimized ? "optimized build" : "Debug build: figures are pessimistic, use -c Release")}, .NET {Environment.Version}, {Environment.ProcessorCount} CPU(s))");
Console.WriteLine();
if (args.Contains("--drain"))
{
    // (d) alone: pure computation on a fake clock, no sockets or Python.
    DrainBenchmark.Run(Console.Out);
    return 0;
}

AllocationBenchmark.Run(Console.Out);
Console.WriteLine();
await WireBytesBenchmark.RunAsync(Console.Out);
Console.WriteLine();
await FirstDeliveryBenchmark.RunAsync(Console.Out, args.Length > 0 && int.TryParse(args[0], out int rounds) ? rounds : 5);
Console.WriteLine();
DrainBenchmark.Run(Console.Out);
return 0;
