using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Bridge
{
    /// <summary>
    /// Checks the launcher contract every other test relies on: Setup runs before the tests of its class and
    /// Cleanup after them, DataRow values arrive as written. Runs on the device and on the host bridge alike.
    /// </summary>
    [TestClass]
    public class BridgeSelfTests
    {
        private static int _setupRuns;
        private static int _testsRun;

        [Setup]
        public void Setup()
        {
            _setupRuns++;
            _testsRun = 0;
        }

        [TestMethod]
        public void SetupRanOnceBeforeTests()
        {
            _testsRun++;
            Assert.AreEqual(1, _setupRuns, "Setup must run exactly once before the class's tests");
        }

        [DataRow(3, "abc")]
        [DataRow(0, "")]
        public void DataRowValuesArriveAsWritten(int length, string text)
        {
            _testsRun++;
            Assert.AreEqual(length, text.Length);
        }

        [Cleanup]
        public void Cleanup()
        {
            Assert.AreEqual(3, _testsRun, "Cleanup must run after every test of the class");
        }
    }
}
