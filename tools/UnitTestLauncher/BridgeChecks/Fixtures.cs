using nanoFramework.TestFramework;

namespace AwsIotDevice.UnitTestLauncher.BridgeChecks;

// nanoFramework-style classes that the bridge's own xunit tests run through the bridge machinery. They live here,
// not in nf-tests, because some of them fail on purpose.

[TestClass]
public class FailingFixture
{
    private int _instanceField = 1;

    [TestMethod]
    public void FailsWithMessage() => Assert.AreEqual(1, 2, "the message the test gave");

    [TestMethod]
    public void TouchesInstanceState() => _instanceField++;

    [DataRow(5)]
    public void TakesLong(long value) => Assert.IsTrue(value > 0);
}

[TestClass]
public class OrderedFixture
{
    [Cleanup]
    public void Cleanup()
    {
    }

    [DataRow(1)]
    [DataRow(2)]
    public void Row(int value) => Assert.IsTrue(value > 0);

    [TestMethod]
    public void Plain()
    {
    }

    [Setup]
    public void Setup()
    {
    }
}

[TestClass]
public class SkippingFixture
{
    public static int TestsRun;
    public static int CleanupsRun;

    [Setup]
    public void Setup() => Assert.SkipTest("no board attached");

    [TestMethod]
    public void NeverRuns() => TestsRun++;

    [Cleanup]
    public void Cleanup() => CleanupsRun++;
}
