using AwsIotDevice.Benchmarks;

// Figures only, no pass/fail: see the README comment in Benchmarks.csproj.
bool optimized = typeof(Program).Assembly.GetCustomAttributes(typeof(System.Diagnostics.DebuggableAttribute), false)
    .Cast<System.Diagnostics.DebuggableAttribute>().All(a => !a.IsJITOptimizerDisabled);
Console.WriteLine($"AwsIotDevice benchmarks ({(optimized ? "optimized build" : "Debug build: figures are pessimistic, use -c Release")}, .NET {Environment.Version}, {Environment.ProcessorCount} CPU(s))");
Console.WriteLine();
AllocationBenchmark.Run(Console.Out);
Console.WriteLine();
await WireBytesBenchmark.RunAsync(Console.Out);
Console.WriteLine();
await FirstDeliveryBenchmark.RunAsync(Console.Out, args.Length > 0 && int.TryParse(args[0], out int rounds) ? rounds : 5);
return 0;
