using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace AwsIotDevice.UnitTestLauncher;

/// <summary>
/// Turns one xunit method into one test case per nanoFramework case (see <see cref="NfTestCatalog"/>), each
/// displayed under its nanoFramework name. Built on SkippableFact so Assert.SkipTest becomes a real skip.
/// </summary>
[XunitTestCaseDiscoverer("AwsIotDevice.UnitTestLauncher.NanoFrameworkCaseDiscoverer", "AwsIotDevice.UnitTestLauncher")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class NanoFrameworkCasesAttribute : FactAttribute
{
}

public sealed class NanoFrameworkCaseDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        NfTestCatalog.All.Select(c => new NanoFrameworkXunitCase(
            diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, c.Id));
}

public sealed class NanoFrameworkXunitCase : SkippableFactTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public NanoFrameworkXunitCase()
    {
    }

    public NanoFrameworkXunitCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod testMethod, string id)
        : base([typeof(Xunit.SkipException).FullName!], sink, display, options, testMethod, [id])
    {
    }

    protected override void Initialize()
    {
        base.Initialize();
        DisplayName = $"nanoFramework: {TestMethodArguments[0]}";
    }
}
