namespace nanoFramework.TestFramework;

/// <summary>Test output. On the host it goes to Sink, which the bridge points at the current test's output.</summary>
public static class OutputHelper
{
    /// <summary>Where output goes; the bridge replaces it per test. Defaults to the console.</summary>
    internal static Action<string> Sink { get; set; } = Console.Write;

    public static void Write(string message) => Sink(message);

    public static void WriteLine(string message) => Sink(message + Environment.NewLine);
}
