using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Auth;
using AwsIotDevice.Core.Mqtt;
using AwsIotDevice.Core.Text;
using AwsIotDevice.Tests.Fakes;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Mqtt
{
    /// <summary>
    /// Core's IMqttLink over a fake TLS connector whose connections are a fake broker: what reaches the wire in each
    /// mode (ALPN asked or not, the upgrade and its credentials, the CONNECT username) and how every failure is named.
    /// </summary>
    [TestClass]
    public class CoreMqttLinkTests
    {
        private const string Host = "abc123-ats.iot.eu-west-1.amazonaws.com";
        private const string Token = "tok-SECRET-1234";
        private const string Signature = "c2ln+U0VDUkVU/c2ln==";

        private static FakeClock _clock;
        private static FakeTlsConnector _tls;

        private static CoreMqttLink NewLink(bool canSendAlpn)
        {
            _clock = new FakeClock();
            _tls = new FakeTlsConnector(_clock);
            _tls.CanSendAlpn = canSendAlpn;
            return new CoreMqttLink(_tls, _clock, new LcgRandom(7), null);
        }

        private static MqttConnectRequest Request(TransportMode mode)
        {
            MqttConnectRequest request = new MqttConnectRequest();
            request.Host = Host;
            request.Port = 443;
            request.Mode = mode;
            request.ClientId = "dev-1";
            request.KeepAliveSeconds = 60;
            request.CleanSession = true;
            if (mode == TransportMode.Wss)
            {
                request.Username = "device";
                request.AuthorizerName = "MyAuth";
                request.TokenKeyName = "token";
                request.Token = Token;
                request.Signature = Signature;
            }
            else
            {
                request.Username = AuthUsername.Build("device", "MyAuth", Signature, "token", Token);
            }

            return request;
        }

        private static void AssertFault(Fault expected, Fault actual, CoreMqttLink link)
        {
            Assert.AreEqual(FaultNames.Of(expected), FaultNames.Of(actual), "detail: " + link.LastErrorDetail);
        }

        private static void AssertNoSecret(string text)
        {
            Assert.DoesNotContains(Token, text);
            Assert.DoesNotContains(Signature, text);
            Assert.DoesNotContains(PercentEncoder.Encode(Signature), text);
        }

        [TestMethod]
        public void WssUpgradesWithHeaderCredentialsWithoutAlpnAndConnectsWithThePlainUser()
        {
            CoreMqttLink link = NewLink(false);

            AssertFault(Fault.None, link.Connect(Request(TransportMode.Wss)), link);

            Assert.AreEqual(1, _tls.Attempts);
            Assert.IsFalse((bool)_tls.Alpn[0], "never ALPN on a WebSocket connection");
            Assert.AreEqual(Host, (string)_tls.Hosts[0]);
            FakeBroker broker = _tls.Last;
            Assert.IsTrue(broker.IsWebSocket);
            Assert.StartsWith("GET /mqtt HTTP/1.1\r\n", broker.UpgradeRequest);
            Assert.AreEqual(Host, broker.UpgradeHeader("Host"), "port 443 is not written");
            Assert.AreEqual("mqtt", broker.UpgradeHeader("Sec-WebSocket-Protocol"));
            Assert.AreEqual("MyAuth", broker.UpgradeHeader("x-amz-customauthorizer-name"));
            Assert.AreEqual(Signature, broker.UpgradeHeader("x-amz-customauthorizer-signature"), "raw base64, as in AWS's curl example");
            Assert.AreEqual(Token, broker.UpgradeHeader("token"));
            Assert.AreEqual("dev-1", broker.ClientId);
            Assert.AreEqual("device", broker.Username, "the credentials are in the upgrade, the username is the plain user");
            Assert.IsTrue(link.IsConnected);
            Assert.AreEqual((int)TransportMode.Wss, (int)link.Mode);

            byte[] payload = Utf8.GetBytes("{\"seq\":1}");
            AssertFault(Fault.None, link.Publish("devices/dev-1/telemetry", payload, payload.Length, 1, 5000), link);
            Assert.AreEqual("{\"seq\":1}", (string)broker.Payloads[0]);
            Assert.AreEqual("devices/dev-1/telemetry", (string)broker.Topics[0]);
        }

        [TestMethod]
        public void WssQueryPutsTheCredentialsPercentEncodedInTheUpgradeUrl()
        {
            CoreMqttLink link = NewLink(false);
            MqttConnectRequest request = Request(TransportMode.Wss);
            request.WssCredentials = WssCredentials.Query;
            request.Port = 8443;

            AssertFault(Fault.None, link.Connect(request), link);

            FakeBroker broker = _tls.Last;
            Assert.StartsWith("GET /mqtt?x-amz-customauthorizer-name=MyAuth&x-amz-customauthorizer-signature=c2ln%2BU0VDUkVU%2Fc2ln%3D%3D&token=tok-SECRET-1234 HTTP/1.1\r\n",
                broker.UpgradeRequest);
            Assert.IsNull(broker.UpgradeHeader("x-amz-customauthorizer-signature"));
            Assert.AreEqual(Host + ":8443", broker.UpgradeHeader("Host"));
            Assert.AreEqual(8443, (int)_tls.Ports[0]);
        }

        [TestMethod]
        public void AlpnModeAsksForAlpnAndPutsTheCredentialsInTheUsername()
        {
            CoreMqttLink link = NewLink(true);
            MqttConnectRequest request = Request(TransportMode.Alpn);

            AssertFault(Fault.None, link.Connect(request), link);

            Assert.IsTrue((bool)_tls.Alpn[0]);
            Assert.IsFalse(_tls.Last.IsWebSocket);
            Assert.AreEqual(request.Username, _tls.Last.Username);
        }

        [TestMethod]
        public void DomainModeSendsRawMqttWithoutAlpn()
        {
            CoreMqttLink link = NewLink(false);

            AssertFault(Fault.None, link.Connect(Request(TransportMode.Domain)), link);

            Assert.IsFalse((bool)_tls.Alpn[0]);
            Assert.IsFalse(_tls.Last.IsWebSocket);
            Assert.StartsWith("device?x-amz-customauthorizer-name=MyAuth&", _tls.Last.Username);
        }

        [TestMethod]
        public void AlpnWhereTheConnectorCannotSendItFailsBeforeAnyTraffic()
        {
            CoreMqttLink link = NewLink(false);

            Fault fault = link.Connect(Request(TransportMode.Alpn));

            AssertFault(Fault.AlpnUnavailable, fault, link);
            Assert.AreEqual(0, _tls.Attempts);
            Assert.Contains("aws.mode=wss", link.LastErrorDetail);
            Assert.Contains("aws.mode=domain", link.LastErrorDetail);
        }

        [DataRow(5)]
        [DataRow(6)]
        [DataRow(7)]
        public void ConnectorFaultsComeBackWithTheConnectorsDetail(int faultValue)
        {
            CoreMqttLink link = NewLink(false);
            _tls.Results = new Fault[] { (Fault)faultValue };

            Fault fault = link.Connect(Request(TransportMode.Wss));

            Assert.AreEqual(faultValue, (int)fault);
            Assert.Contains("scripted", link.LastErrorDetail);
            Assert.IsFalse(link.IsConnected);
        }

        [TestMethod]
        public void RefusedUpgradeIsUpgradeRefusedWithTheStatusAndNoSecret()
        {
            CoreMqttLink link = NewLink(false);
            _tls.Setup = SetupUpgrade401;

            Fault fault = link.Connect(Request(TransportMode.Wss));

            AssertFault(Fault.UpgradeRefused, fault, link);
            Assert.Contains("401", link.LastErrorDetail);
            Assert.Contains("wss://" + Host + "/mqtt", link.LastErrorDetail);
            AssertNoSecret(link.LastErrorDetail);
            Assert.IsFalse(_tls.Last.ConnectSeen, "no CONNECT after a refused upgrade");
            Assert.IsTrue(_tls.Last.Closed);
        }

        private static void SetupUpgrade401(FakeBroker broker, int connection)
        {
            broker.UpgradeStatus = 401;
        }

        [DataRow(-1, "ConnectRefused")]
        [DataRow(5, "RefusedNotAuthorized")]
        [DataRow(4, "RefusedBadCredentials")]
        [DataRow(-2, "ConnectTimeout")]
        public void ConnectRefusalsOverWssAreNamed(int connack, string expected)
        {
            CoreMqttLink link = NewLink(false);
            _connack = connack;
            _tls.Setup = SetupConnack;

            Fault fault = link.Connect(Request(TransportMode.Wss));

            Assert.AreEqual(expected, FaultNames.Of(fault), link.LastErrorDetail);
            AssertNoSecret(link.LastErrorDetail);
            Assert.IsFalse(link.IsConnected);
            Assert.IsTrue(_tls.Last.Closed);
        }

        private static int _connack;

        private static void SetupConnack(FakeBroker broker, int connection)
        {
            broker.ConnackCode = _connack;
        }

        [TestMethod]
        public void MissingPubackIsPublishTimeoutAndInvalidTopicIsPublishRejectedBothKeepTheSession()
        {
            CoreMqttLink link = NewLink(false);
            _tls.Setup = SetupNoAcks;
            AssertFault(Fault.None, link.Connect(Request(TransportMode.Wss)), link);
            byte[] payload = Utf8.GetBytes("x");

            AssertFault(Fault.PublishTimeout, link.Publish("t/1", payload, 1, 1, 2000), link);
            Assert.IsTrue(link.IsConnected);
            AssertFault(Fault.PublishRejected, link.Publish("t/+", payload, 1, 1, 2000), link);
            Assert.IsTrue(link.IsConnected);
            AssertFault(Fault.None, link.Publish("t/0", payload, 1, 0, 2000), link);
        }

        private static void SetupNoAcks(FakeBroker broker, int connection)
        {
            broker.AckLimit = 0;
        }

        [TestMethod]
        public void ProcessKeepsTheLinkAliveAndNoticesADeadOne()
        {
            CoreMqttLink link = NewLink(false);
            MqttConnectRequest request = Request(TransportMode.Wss);
            request.KeepAliveSeconds = 30;
            AssertFault(Fault.None, link.Connect(request), link);

            AssertFault(Fault.None, link.Process(35000), link);
            Assert.AreEqual(1, _tls.Last.Pings, "PINGREQ after 30 s of silence");
            Assert.AreEqual(35000L, _clock.UptimeMs, "Process waits its whole time while the link is up");

            _tls.Last.AnswerPings = false;
            Fault fault = Fault.None;
            for (int i = 0; i < 10 && fault == Fault.None; i++)
            {
                fault = link.Process(10000);
            }

            AssertFault(Fault.KeepAliveTimeout, fault, link);
            Assert.IsFalse(link.IsConnected);
            AssertFault(Fault.ConnectionLost, link.Process(1000), link);
        }

        [TestMethod]
        public void AWebSocketProtocolErrorAfterConnackEndsTheSessionAsProtocolError()
        {
            CoreMqttLink link = NewLink(false);
            _tls.Setup = SetupTextFrame;
            AssertFault(Fault.None, link.Connect(Request(TransportMode.Wss)), link);

            AssertFault(Fault.ProtocolError, link.Process(1000), link);
            Assert.Contains("text frame", link.LastErrorDetail);
        }

        private static void SetupTextFrame(FakeBroker broker, int connection)
        {
            broker.TextFrameAfterConnack = true;
        }

        [TestMethod]
        public void CloseSendsDisconnectAndTheNextConnectStartsAFreshSession()
        {
            CoreMqttLink link = NewLink(false);
            AssertFault(Fault.None, link.Connect(Request(TransportMode.Wss)), link);
            FakeBroker first = _tls.Last;

            link.Close();
            link.Close();

            Assert.IsTrue(first.DisconnectSeen);
            Assert.IsTrue(first.Closed);
            Assert.IsFalse(link.IsConnected);
            AssertFault(Fault.ConnectionLost, link.Publish("t/1", new byte[1], 1, 1, 1000), link);

            AssertFault(Fault.None, link.Connect(Request(TransportMode.Domain)), link);
            Assert.AreEqual(2, _tls.Brokers.Count);
            Assert.IsFalse(_tls.Last.IsWebSocket, "one link serves every mode, one connection after another");
        }

        [TestMethod]
        public void ALongTokenGetsASendBufferItFitsAndATooLargePublishIsFixedAtTheNextConnect()
        {
            CoreMqttLink link = NewLink(true);
            MqttConnectRequest request = Request(TransportMode.Alpn);
            request.Username = AuthUsername.Build("device", "MyAuth", Signature, "token", new string('t', 3000));

            AssertFault(Fault.None, link.Connect(request), link);
            Assert.IsTrue(link.SendBufferBytes >= 3000, "grown at Connect");
            Assert.AreEqual(request.Username, _tls.Last.Username);

            byte[] big = new byte[link.SendBufferBytes];
            AssertFault(Fault.PacketTooLarge, link.Publish("t/1", big, big.Length, 1, 1000), link);
            Assert.IsTrue(link.IsConnected, "nothing was sent");
            link.Close();
            AssertFault(Fault.None, link.Connect(request), link);
            AssertFault(Fault.None, link.Publish("t/1", big, big.Length, 1, 1000), link);
            Assert.AreEqual(big.Length, ((string)_tls.Last.Payloads[0]).Length);
        }

        [DataRow(1)]
        [DataRow(2)]
        public void AFullTelemetryBatchFitsTheFirstSessionsSendBuffer(int mode)
        {
            CoreMqttLink link = NewLink(false);
            MqttConnectRequest request = Request((TransportMode)mode);
            request.LargestPayloadBytes = 5120;

            AssertFault(Fault.None, link.Connect(request), link);
            Assert.IsTrue(link.SendBufferBytes >= MqttEncoder.PublishSize(256, 1, 5120), "a full batch with AWS's longest topic fits");

            string topic = new string('t', 256);
            byte[] batch = new byte[5120];
            AssertFault(Fault.None, link.Publish(topic, batch, batch.Length, 1, 1000), link);
            Assert.AreEqual(5120, ((string)_tls.Last.Payloads[0]).Length);
        }

        [TestMethod]
        public void SubscribedMessagesReachTheHandler()
        {
            CoreMqttLink link = NewLink(false);
            RecordingHandler handler = new RecordingHandler();
            link.MessageHandler = handler;
            AssertFault(Fault.None, link.Connect(Request(TransportMode.Wss)), link);

            AssertFault(Fault.None, link.Subscribe("cmd/dev-1", 1, 5000), link);
            _tls.Last.Inject(MqttBytes.Publish("cmd/dev-1", "reboot", 0, 0));
            AssertFault(Fault.None, link.Process(1000), link);

            Assert.AreEqual(1, handler.Topics.Count);
            Assert.AreEqual("cmd/dev-1", (string)handler.Topics[0]);
            Assert.AreEqual("reboot", (string)handler.Payloads[0]);
        }

        [TestMethod]
        public void InvalidRequestsAreFaultsNotExceptions()
        {
            CoreMqttLink link = NewLink(false);
            MqttConnectRequest request = Request(TransportMode.Wss);
            request.Username = string.Empty;
            request.Password = "pw";

            AssertFault(Fault.Internal, link.Connect(request), link);
            Assert.Contains("password needs a user name", link.LastErrorDetail);
            Assert.AreEqual(0, _tls.Attempts);

            request = Request(TransportMode.Wss);
            request.Host = string.Empty;
            AssertFault(Fault.DnsFailure, link.Connect(request), link);
            request = Request(TransportMode.Wss);
            request.Mode = (TransportMode)7;
            AssertFault(Fault.Internal, link.Connect(request), link);
        }
    }
}
