using AwsIotDevice.Core.Abstractions;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Abstractions
{
    [TestClass]
    public class FaultNamesTests
    {
        [TestMethod]
        public void EveryFaultHasItsOwnName()
        {
            for (int i = 0; i < (int)Fault.Count; i++)
            {
                string name = FaultNames.Of((Fault)i);
                Assert.AreNotEqual("Fault" + i.ToString(), name, "value " + i.ToString() + " has no name");
                for (int j = 0; j < i; j++)
                {
                    Assert.AreNotEqual(FaultNames.Of((Fault)j), name, "values " + j.ToString() + " and " + i.ToString());
                }
            }

            Assert.AreEqual("Fault" + ((int)Fault.Count).ToString(), FaultNames.Of(Fault.Count));
        }

        [TestMethod]
        public void TheTransportAndProtocolFaultsAreNamedAsTheirValues()
        {
            Assert.AreEqual("RefusedProtocolVersion", FaultNames.Of(Fault.RefusedProtocolVersion));
            Assert.AreEqual("RefusedNotAuthorized", FaultNames.Of(Fault.RefusedNotAuthorized));
            Assert.AreEqual("KeepAliveTimeout", FaultNames.Of(Fault.KeepAliveTimeout));
            Assert.AreEqual("ProtocolError", FaultNames.Of(Fault.ProtocolError));
            Assert.AreEqual("PacketTooLarge", FaultNames.Of(Fault.PacketTooLarge));
            Assert.AreEqual("InflightWindowFull", FaultNames.Of(Fault.InflightWindowFull));
            Assert.AreEqual("SubscribeRefused", FaultNames.Of(Fault.SubscribeRefused));
            Assert.AreEqual("SubscribeTimeout", FaultNames.Of(Fault.SubscribeTimeout));
            Assert.AreEqual("UpgradeRefused", FaultNames.Of(Fault.UpgradeRefused));
            Assert.AreEqual("UpgradeFailed", FaultNames.Of(Fault.UpgradeFailed));
        }
    }
}
