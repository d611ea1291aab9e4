using System.Reflection;
using nanoFramework.TestFramework;
using Assert = Xunit.Assert;
using Xunit;

namespace AwsIotDevice.UnitTestLauncher.BridgeChecks;

/// <summary>The bridge itself: discovery order, failures carrying their message, skips, the null-instance rule.</summary>
public class BridgeTests
{
    private static readonly IReadOnlyList<NfTestCase> Fixtures = NfTestCatalog.Discover(typeof(BridgeTests).Assembly);

    private static NfTestCase Case(string suffix) => Fixtures.Single(c => c.Id.EndsWith(suffix, StringComparison.Ordinal));

    [Fact]
    public void Discovers_in_launcher_order_setup_tests_rows_cleanup()
    {
        string[] ids = Fixtures.Where(c => c.TestClass == typeof(OrderedFixture)).Select(c => c.Id[(typeof(OrderedFixture).FullName!.Length + 1)..]).ToArray();

        Assert.Equal(["[Setup]", "Plain", "Row - (params: 1)", "Row - (params: 2)", "[Cleanup]"], ids);
    }

    [Fact]
    public void A_failed_assertion_fails_with_the_tests_message()
    {
        var ex = Assert.Throws<AssertFailedException>(() => NullInstanceInvoker.Invoke(Case("FailsWithMessage").Method!, null));

        Assert.Contains("Assert.AreEqual failed", ex.Message);
        Assert.Contains("Expected:<1>. Actual:<2>", ex.Message);
        Assert.Contains("the message the test gave", ex.Message);
    }

    [Fact]
    public void Test_methods_run_with_a_null_instance_as_on_the_device()
    {
        Assert.Throws<NullReferenceException>(() => NullInstanceInvoker.Invoke(Case("TouchesInstanceState").Method!, null));
    }

    [Fact]
    public void A_DataRow_value_of_another_type_is_refused_with_advice()
    {
        NfTestCase row = Case("TakesLong - (params: 5)");

        var ex = Assert.Throws<InvalidOperationException>(() => NullInstanceInvoker.Invoke(row.Method!, row.Arguments));

        Assert.Contains("5L", ex.Message);
    }

    [Fact]
    public void A_Setup_that_skips_skips_the_class_and_its_cleanup()
    {
        ClassState state = ClassLifecycle.Enter(typeof(SkippingFixture));
        ClassLifecycle.Leave();

        Assert.Equal("Setup: no board attached", state.SkipReason);
        Assert.Equal(0, SkippingFixture.TestsRun);
        Assert.Equal(0, SkippingFixture.CleanupsRun);
    }

    [Fact]
    public void ThrowsException_demands_the_exact_type()
    {
        Assert.Throws<AssertFailedException>(() =>
            nanoFramework.TestFramework.Assert.ThrowsException(typeof(ArgumentException), () => throw new ArgumentNullException("x")));
        nanoFramework.TestFramework.Assert.ThrowsException(typeof(ArgumentNullException), () => throw new ArgumentNullException("x"));
    }
}
