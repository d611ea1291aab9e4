using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Auth;
using AwsIotDevice.Core.Supervision;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Supervision
{
    [TestClass]
    public class SupervisorStatusTests
    {
        [TestMethod]
        public void DescribeIsOneLineWithTheDocumentedKeys()
        {
            SupervisorRig rig = new SupervisorRig();
            string fresh = rig.Status().Describe();
            Assert.StartsWith("state=Provisioning connected=0 published=0 queued=0 dropped=0 ", fresh);
            Assert.Contains(" lastFault=None ", fresh);
            Assert.Contains(" faults=- ", fresh);

            rig.Link.ConnectResults = new Fault[] { Fault.TlsFailure, Fault.DnsFailure, Fault.TlsFailure };
            rig.Provision();
            rig.RunUntil(40000);
            string line = rig.Status().Describe();
            Assert.StartsWith("state=Publishing connected=1 ", line);
            Assert.Contains(" attempts=4 connects=1 ", line);
            Assert.Contains(" lastFault=TlsFailure ", line);
            Assert.Contains(" faults=DnsFailure:1,TlsFailure:2 ", line);
            Assert.AreEqual(-1, line.IndexOf('\n'));
            Assert.AreEqual(-1, line.IndexOf('\r'));
        }

        [TestMethod]
        public void StatusAndLogNeverContainSecrets()
        {
            SupervisorRig rig = new SupervisorRig();

            // A careless adapter that puts the full username and the token into its error detail.
            rig.Link.FailureDetail = "handshake for " + rig.Config.BuildUsername() + " token " + SupervisorRig.Token
                + " pw " + SupervisorRig.MqttPassword;
            rig.Link.ConnectResults = new Fault[] { Fault.TlsFailure, Fault.ConnectRefused };
            rig.Link.PublishResults = new Fault[] { Fault.ConnectionLost };
            rig.Network.JoinResults = new Fault[] { Fault.WifiAuthFailed };
            rig.Network.FailureDetail = "bad password " + SupervisorRig.WifiPassword;
            rig.Provision();

            SupervisorConfig bad = SupervisorRig.ValidConfig();
            bad.Topic = string.Empty;
            rig.Supervisor.ApplyConfig(bad);

            string[] lines = new string[12];
            int n = 0;
            for (long t = 5000; t <= 60000; t += 5000)
            {
                rig.RunUntil(t);
                lines[n++] = rig.Status().Describe();
            }

            string all = rig.Log.AllText();
            for (int i = 0; i < n; i++)
            {
                all += lines[i] + "\n";
            }

            string[] secrets =
            {
                SupervisorRig.WifiPassword, SupervisorRig.Token, SupervisorRig.Signature, SupervisorRig.MqttPassword,
                PercentEncoder.Encode(SupervisorRig.Signature), PercentEncoder.Encode(SupervisorRig.Token),
                rig.Config.BuildUsername(),
            };
            for (int i = 0; i < secrets.Length; i++)
            {
                Assert.AreEqual(-1, all.IndexOf(secrets[i]), "secret " + i.ToString() + " leaked");
            }

            SupervisorStatus status = rig.Status();
            Assert.AreEqual(1, status.CountOf(Fault.TlsFailure));
            Assert.AreEqual(1, status.CountOf(Fault.ConnectRefused));
            Assert.AreEqual(1, status.CountOf(Fault.WifiAuthFailed));
            Assert.Contains("handshake for ***", all, "the detail is kept, with the secrets masked");
        }

        [TestMethod]
        public void CountersMatchWhatHappened()
        {
            SupervisorRig rig = new SupervisorRig();
            rig.Link.ConnectResults = new Fault[] { Fault.DnsFailure };
            rig.Provision();
            rig.RunUntil(45000);

            SupervisorStatus status = rig.Status();
            Assert.AreEqual((int)Fault.Count, status.FaultCounts.Length);
            Assert.AreEqual(2, status.ConnectAttempts);
            Assert.AreEqual(1, status.Connects);
            Assert.AreEqual((long)rig.Link.Payloads.Count, status.Published);
            Assert.AreEqual(rig.Queue.Count, status.Queued);
            Assert.AreEqual(rig.Backoff.Attempt, status.BackoffAttempt);
            Assert.AreEqual(rig.Clock.UptimeMs, status.UptimeMs);
            Assert.AreEqual("Publishing", status.StateName);
            Assert.AreEqual("DnsFailure", status.LastFaultName);
        }
    }
}
