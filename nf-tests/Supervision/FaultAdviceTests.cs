using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Supervision;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Supervision
{
    /// <summary>Every fault the device can report comes with a sentence of advice, and the wss route's faults point at its settings.</summary>
    [TestClass]
    public class FaultAdviceTests
    {
        [TestMethod]
        public void EveryFaultButNoneAndInternalHasAdvice()
        {
            for (int i = 1; i < (int)Fault.Count; i++)
            {
                Fault fault = (Fault)i;
                string advice = FaultAdvice.For(fault);
                if (fault == Fault.Internal)
                {
                    Assert.AreEqual(string.Empty, advice, "Internal is a bug: there is nothing to check at the bench");
                    continue;
                }

                Assert.IsTrue(advice.Length > 10, FaultNames.Of(fault) + " has no advice");
            }

            Assert.AreEqual(string.Empty, FaultAdvice.For(Fault.None));
        }

        [TestMethod]
        public void TheWssFaultsNameWhatToCheck()
        {
            Assert.Contains("aws.wssCredentials", FaultAdvice.For(Fault.UpgradeRefused));
            Assert.Contains("aws.token", FaultAdvice.For(Fault.UpgradeRefused));
            Assert.Contains("-ats", FaultAdvice.For(Fault.UpgradeFailed));
            Assert.Contains("iot:Connect", FaultAdvice.For(Fault.RefusedNotAuthorized));
            Assert.Contains("aws.mode=wss", FaultAdvice.For(Fault.AlpnUnavailable));
            Assert.Contains("aws.mode=domain", FaultAdvice.For(Fault.AlpnUnavailable));
        }
    }
}
