using nanoFramework.TestFramework;
using Xunit;
using Xunit.Abstractions;

namespace AwsIotDevice.UnitTestLauncher;

/// <summary>Closes the last active test class once xunit has run every case.</summary>
public sealed class LastCleanup : IDisposable
{
    public void Dispose() => ClassLifecycle.Leave();
}

/// <summary>
/// The bridge: every nanoFramework [TestMethod] and every [DataRow] row of NFUnitTest is one xunit case, named
/// by its nanoFramework id. A failed nanoFramework assertion fails the case with the assertion's message.
/// </summary>
[TestCaseOrderer(LauncherOrder.TypeName, LauncherOrder.AssemblyName)]
public sealed class NanoFrameworkTests(ITestOutputHelper output) : IClassFixture<LastCleanup>
{
    [NanoFrameworkCases]
    public void Run(string test)
    {
        NfTestCase testCase = NfTestCatalog.Find(test);
        OutputHelper.Sink = output.WriteLine;
        try
        {
            if (testCase.Step == NfStep.Cleanup)
            {
                ClassLifecycle.Leave();
                return;
            }

            ClassState state = ClassLifecycle.Enter(testCase.TestClass);
            Skip.If(state.SkipReason is not null, $"Setup skipped the class: {state.SkipReason}");
            if (state.SetupFailure is not null)
            {
                throw new AssertFailedException($"[Setup] {state.SetupFailure}");
            }

            if (testCase.Method is not null)
            {
                RunTest(testCase);
            }
        }
        finally
        {
            OutputHelper.Sink = Console.Write;
        }
    }

    private static void RunTest(NfTestCase testCase)
    {
        try
        {
            NullInstanceInvoker.Invoke(testCase.Method!, testCase.Arguments);
        }
        catch (Exception ex) when (ClassLifecycle.Unwrap(ex) is SkipTestException skip)
        {
            throw new Xunit.SkipException(skip.Message);
        }
    }
}
