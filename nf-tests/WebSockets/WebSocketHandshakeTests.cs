using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Auth;
using AwsIotDevice.Core.WebSockets;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.WebSockets
{
    [TestClass]
    public class WebSocketHandshakeTests
    {
        private const string Token = "tok en";
        private const string Signature = "ab+c/d==";

        private const string CommonHeaders =
            "Host: " + WsRig.Host + "\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: " + WsBytes.SampleKey + "\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "Sec-WebSocket-Protocol: mqtt\r\n";

        [TestMethod]
        public void TheSampleKeyFromRfc6455GivesTheSampleAccept()
        {
            Assert.AreEqual(WsBytes.SampleAccept, WebSocketHandshake.AcceptFor(WsBytes.SampleKey));
            Assert.AreEqual(WsBytes.SampleKey, WebSocketHandshake.NewKey(new Fakes.SequenceRandom(Core.Text.Utf8.GetBytes(WsBytes.SampleNonce))));
        }

        [TestMethod]
        public void HeaderModeSendsTheCredentialsAsHeadersAndOpens()
        {
            WsRig rig = new WsRig();
            Assert.IsTrue(CustomAuthUpgrade.AddHeaders(rig.Upgrade, "MyAuth", Signature, "token", Token));

            rig.Open();

            Assert.AreEqual("GET /mqtt HTTP/1.1\r\n" + CommonHeaders
                + "x-amz-customauthorizer-name: MyAuth\r\n"
                + "x-amz-customauthorizer-signature: ab+c/d==\r\n"
                + "token: tok en\r\n\r\n", rig.Request());
            Assert.IsTrue(rig.Ws.IsOpen);
        }

        [TestMethod]
        public void QueryModePercentEncodesEveryValueAndSendsNoCredentialHeader()
        {
            WsRig rig = new WsRig();
            CustomAuthUpgrade.SetQuery(rig.Upgrade, "MyAuth", Signature, "token", Token);

            rig.Open();

            Assert.AreEqual("GET /mqtt?x-amz-customauthorizer-name=MyAuth&x-amz-customauthorizer-signature=ab%2Bc%2Fd%3D%3D&token=tok%20en HTTP/1.1\r\n"
                + CommonHeaders + "\r\n", rig.Request());
        }

        [TestMethod]
        public void NoSubprotocolAskedAndNoneReturnedIsFine()
        {
            WsRig rig = new WsRig();
            rig.Upgrade.Protocol = null;
            rig.Inner.Add(WsBytes.Response("HTTP/1.1 101 Switching Protocols\r\nupgrade: WebSocket\r\nconnection: keep-alive, upgrade\r\nsec-websocket-accept: "
                + WsBytes.SampleAccept + "\r\n"));

            rig.AssertFault(Fault.None, rig.Ws.Open(rig.Inner, rig.Upgrade, 5000));
            Assert.AreEqual(-1, rig.Request().IndexOf("Sec-WebSocket-Protocol"));
        }

        // Each 101 response breaks one rule of RFC 6455 4.1.
        [DataRow("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: AAAAAAAAAAAAAAAAAAAAAAAAAAA=\r\n")]
        [DataRow("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: S3PPLMBITXAQ9KYGZZHZRBK+XOO=\r\n")]
        [DataRow("HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n")]
        [DataRow("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n")]
        [DataRow("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: keep-alive\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n")]
        [DataRow("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n")]
        [DataRow("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: mqttv5\r\n")]
        [DataRow("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Extensions: permessage-deflate\r\n")]
        [DataRow("HTTP/1.1 101 Switching Protocols\r\nUpgrade websocket\r\n")]
        [DataRow("HTTP/1.1 1O1 Switching Protocols\r\n")]
        [DataRow("ICY 101 OK\r\n")]
        public void AnInvalidUpgradeResponseIsUpgradeFailed(string head)
        {
            WsRig rig = new WsRig();
            rig.Inner.Add(WsBytes.Response(head));

            rig.AssertFault(Fault.UpgradeFailed, rig.Ws.Open(rig.Inner, rig.Upgrade, 5000));

            Assert.IsTrue(rig.Inner.Closed);
            Assert.IsFalse(rig.Ws.IsOpen);
            Assert.AreEqual(-1, rig.Ws.Write(new byte[1], 0, 1, 100));
        }

        [TestMethod]
        public void A401IsUpgradeRefusedWithTheStatusLineAndNoCredential()
        {
            WsRig rig = new WsRig();
            CustomAuthUpgrade.AddHeaders(rig.Upgrade, "MyAuth", "SIGNATURE-SECRET", "token", "TOKEN-SECRET");
            rig.Inner.Add(WsBytes.Response("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n"));

            rig.AssertFault(Fault.UpgradeRefused, rig.Ws.Open(rig.Inner, rig.Upgrade, 5000));

            Assert.Contains("HTTP/1.1 401 Unauthorized", rig.Ws.LastErrorDetail);
            Assert.DoesNotContains("SECRET", rig.Ws.LastErrorDetail);
            Assert.AreEqual((int)Fault.UpgradeRefused, (int)rig.Ws.LastFault);
            Assert.IsTrue(rig.Inner.Closed);
        }

        [TestMethod]
        public void AStatusLineThatEchoesACredentialIsWithheldAndALongOneIsCut()
        {
            WsRig rig = new WsRig();
            CustomAuthUpgrade.SetQuery(rig.Upgrade, "MyAuth", Signature, "token", "TOKEN-SECRET");
            rig.Inner.Add(WsBytes.Response("HTTP/1.1 403 Forbidden for token TOKEN-SECRET\r\n"));

            rig.AssertFault(Fault.UpgradeRefused, rig.Ws.Open(rig.Inner, rig.Upgrade, 5000));
            Assert.DoesNotContains("TOKEN-SECRET", rig.Ws.LastErrorDetail);
            Assert.Contains("withheld", rig.Ws.LastErrorDetail);

            WsRig other = new WsRig();
            string reason = "\u0007";
            for (int i = 0; i < 30; i++)
            {
                reason += "0123456789";
            }

            other.Inner.Add(WsBytes.Response("HTTP/1.1 500 " + reason + "\r\n"));
            other.AssertFault(Fault.UpgradeRefused, other.Ws.Open(other.Inner, other.Upgrade, 5000));
            Assert.Contains("HTTP/1.1 500 ?0123", other.Ws.LastErrorDetail);
            Assert.IsTrue(other.Ws.LastErrorDetail.Length <= "upgrade refused: ".Length + WebSocketHandshake.MaxQuotedStatus);
        }

        [TestMethod]
        public void ARefusalCutOffBeforeItsBlankLineStillReportsTheStatus()
        {
            WsRig rig = new WsRig();
            rig.Inner.Add(Core.Text.Utf8.GetBytes("HTTP/1.1 403 Forbidden\r\nServer: x")).AddClose();

            rig.AssertFault(Fault.UpgradeRefused, rig.Ws.Open(rig.Inner, rig.Upgrade, 5000));
            Assert.Contains("403 Forbidden", rig.Ws.LastErrorDetail);
        }

        [TestMethod]
        public void TheServerClosingBeforeAnsweringIsConnectRefused()
        {
            WsRig rig = new WsRig();
            rig.Inner.AddClose();

            rig.AssertFault(Fault.ConnectRefused, rig.Ws.Open(rig.Inner, rig.Upgrade, 5000));
            Assert.Contains("during the WebSocket upgrade", rig.Ws.LastErrorDetail);
        }

        [TestMethod]
        public void NoCompleteResponseInTimeIsConnectTimeout()
        {
            WsRig rig = new WsRig();
            rig.Inner.AddAt(1000, Core.Text.Utf8.GetBytes("HTTP/1.1 101 Switching"));

            rig.AssertFault(Fault.ConnectTimeout, rig.Ws.Open(rig.Inner, rig.Upgrade, 3000));
            Assert.AreEqual(3000L, rig.Clock.UptimeMs);
            Assert.IsTrue(rig.Inner.Closed);
        }

        [TestMethod]
        public void AResponseHeadOverTheLimitIsUpgradeFailed()
        {
            WsRig rig = new WsRig();
            string head = "HTTP/1.1 101 Switching Protocols\r\n";
            while (head.Length < WebSocketTransport.MaxResponseHeadBytes)
            {
                head += "X-Padding: 0123456789012345678901234567890123456789\r\n";
            }

            rig.Inner.Add(WsBytes.Response(head));

            rig.AssertFault(Fault.UpgradeFailed, rig.Ws.Open(rig.Inner, rig.Upgrade, 5000));
            Assert.Contains("longer than 4096", rig.Ws.LastErrorDetail);
        }

        [TestMethod]
        public void AResponseArrivingOneByteAtATimeIsAssembled()
        {
            WsRig rig = new WsRig();
            rig.Inner.OneByteAtATime = true;

            rig.Open();

            Assert.IsTrue(rig.Ws.IsOpen);
        }

        [TestMethod]
        public void AHeaderValueWithCrOrLfIsRefusedAndNothingIsSent()
        {
            WsRig rig = new WsRig();
            Assert.IsFalse(CustomAuthUpgrade.AddHeaders(rig.Upgrade, "MyAuth", Signature, "token", "evil\r\nX-Injected: 1"));
            Assert.Contains("'token'", rig.Upgrade.Problem);
            Assert.DoesNotContains("evil", rig.Upgrade.Problem);

            rig.AssertFault(Fault.UpgradeFailed, rig.Ws.Open(rig.Inner, rig.Upgrade, 5000));

            Assert.AreEqual(0, rig.Inner.WriteCalls, "a refused request is never sent");
            Assert.DoesNotContains("evil", rig.Ws.LastErrorDetail);
        }

        [TestMethod]
        public void HeadersTheHandshakeWritesItselfOrThatAreNotTokensAreRefused()
        {
            WebSocketUpgrade upgrade = new WebSocketUpgrade(WsRig.Host);
            Assert.IsFalse(upgrade.AddHeader("Sec-WebSocket-Key", "x", false));
            Assert.IsFalse(upgrade.AddHeader("host", "x", false));
            Assert.IsFalse(upgrade.AddHeader("bad name", "x", false));
            Assert.IsFalse(upgrade.AddHeader(string.Empty, "x", false));
            Assert.IsFalse(upgrade.AddHeader("x-ok", "bell\u0007", false));
            Assert.IsTrue(upgrade.AddHeader("x-ok", "tab\tis fine", false));
            Assert.AreEqual(1, upgrade.HeaderCount);
            Assert.Contains("Sec-WebSocket-Key", upgrade.Problem);
        }

        [DataRow("", "/mqtt", "")]
        [DataRow("host name", "/mqtt", "")]
        [DataRow("host", "mqtt", "")]
        [DataRow("host", "/mq tt", "")]
        [DataRow("host", "/mqtt?a=b", "")]
        [DataRow("host", "/mqtt", "a=b c")]
        public void AnUnsendableHostPathOrQueryIsUpgradeFailedBeforeSending(string host, string path, string query)
        {
            WsRig rig = new WsRig();
            rig.Upgrade.Host = host;
            rig.Upgrade.Path = path;
            rig.Upgrade.Query = query;

            rig.AssertFault(Fault.UpgradeFailed, rig.Ws.Open(rig.Inner, rig.Upgrade, 5000));
            Assert.AreEqual(0, rig.Inner.WriteCalls);
        }
    }
}
