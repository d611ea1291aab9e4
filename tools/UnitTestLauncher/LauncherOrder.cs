using Xunit.Abstractions;
using Xunit.Sdk;

namespace AwsIotDevice.UnitTestLauncher;

/// <summary>Runs the cases in nanoFramework launcher order (xunit's default order is by hash).</summary>
public sealed class LauncherOrder : ITestCaseOrderer
{
    public const string TypeName = "AwsIotDevice.UnitTestLauncher.LauncherOrder";
    public const string AssemblyName = "AwsIotDevice.UnitTestLauncher";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase =>
        testCases.OrderBy(c => c.TestMethodArguments is [string id, ..] ? NfTestCatalog.OrderOf(id) : int.MaxValue);
}
