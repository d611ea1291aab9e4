using AwsIotDevice.Core.Credentials;
using AwsIotDevice.Tests.Credentials;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Boot
{
    /// <summary>The boot turns on token expiry and renewal when both composition roots hand it the renewal parts.</summary>
    [TestClass]
    public class BootRenewalTests
    {
        [TestMethod]
        public void TheRenewalPartsTurnOnExpiryAndTheCredentialsSubscription()
        {
            BootRig rig = new BootRig();
            rig.WithRenewal = true;
            rig.Clock.UtcNow = UnixTime.FromSeconds(RenewalTestData.Now);
            rig.StoreSettings(RenewalTestData.Settings());

            rig.Boot();
            rig.RunUntil(20000);

            Assert.IsNotNull(rig.Control.Supervisor.Hooks as DeviceCredentials);
            Assert.AreEqual(1, rig.Link.Subscriptions.Count);
            Assert.AreEqual("devices/device-01/credentials", (string)rig.Link.Subscriptions[0]);
            Assert.Contains("tokenExpiresAt=2027-01-01T00:00:00Z", rig.Status());
            Assert.Contains("renewal=none", rig.Status());
        }

        [TestMethod]
        public void WithoutThePartsThereIsNoRenewal()
        {
            BootRig rig = new BootRig();
            rig.StoreSettings(RenewalTestData.Settings());

            rig.Boot();
            rig.RunUntil(20000);

            Assert.IsNull(rig.Control.Supervisor.Hooks);
            Assert.AreEqual(0, rig.Link.Subscriptions.Count);
            Assert.DoesNotContains("tokenExpiresAt", rig.Status());
        }
    }
}
