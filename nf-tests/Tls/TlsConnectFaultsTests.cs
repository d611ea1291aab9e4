using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Tls;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Tls
{
    /// <summary>The board's socket and TLS exceptions, as what they carry, mapped to a fault and plain words.</summary>
    [TestClass]
    public class TlsConnectFaultsTests
    {
        private const string Where = "abc-ats.iot.eu-west-1.amazonaws.com:443";

        [TestMethod]
        public void ANegativeCodeIsAnMbedTlsHandshakeFailureWithItsHint()
        {
            string detail;
            Fault fault = TlsConnectFaults.ForConnect(Where, true, true, -0x2700, "SocketException", out detail);

            Assert.AreEqual(FaultNames.Of(Fault.TlsFailure), FaultNames.Of(fault));
            Assert.AreEqual("TLS handshake with " + Where + " failed (mbedTLS -0x2700): server certificate not trusted. Is the clock right, is aws.endpoint the -ats endpoint or your domain name (SNI), and is its root CA embedded?", detail);
        }

        [TestMethod]
        public void AFatalAlertNamesSniAlpnAndClientCertificates()
        {
            string detail;
            TlsConnectFaults.ForConnect(Where, true, true, TlsConnectFaults.MbedTlsFatalAlert, "SocketException", out detail);

            Assert.Contains("mbedTLS -0x7780", detail);
            Assert.Contains("client certificate", detail);
        }

        [DataRow(10061, "refused (wrong port?)")]
        [DataRow(10060, "timed out (port blocked by a firewall?)")]
        [DataRow(10065, "unreachable")]
        [DataRow(10051, "unreachable")]
        public void APositiveCodeBeforeTcpConnectedIsATcpFailureWithItsHint(int code, string hint)
        {
            string detail;
            Fault fault = TlsConnectFaults.ForConnect(Where, false, true, code, "SocketException", out detail);

            Assert.AreEqual(FaultNames.Of(Fault.TcpFailure), FaultNames.Of(fault));
            Assert.StartsWith("TCP connect to " + Where + " failed (socket error " + code.ToString() + "): ", detail);
            Assert.Contains(hint, detail);
        }

        [TestMethod]
        public void ASocketErrorAfterTcpConnectedIsTheHandshakes()
        {
            string detail;
            Fault fault = TlsConnectFaults.ForConnect(Where, true, true, 10054, "SocketException", out detail);

            Assert.AreEqual(FaultNames.Of(Fault.TlsFailure), FaultNames.Of(fault));
            Assert.AreEqual("TLS handshake with " + Where + " failed (socket error 10054)", detail);
        }

        [TestMethod]
        public void AnotherExceptionIsNamedByItsTypeOnTheSideItHappened()
        {
            string detail;
            Assert.AreEqual(FaultNames.Of(Fault.TcpFailure), FaultNames.Of(TlsConnectFaults.ForConnect(Where, false, false, 0, "ObjectDisposedException", out detail)));
            Assert.AreEqual("TCP connect to " + Where + " failed (ObjectDisposedException)", detail);
            Assert.AreEqual(FaultNames.Of(Fault.TlsFailure), FaultNames.Of(TlsConnectFaults.ForConnect(Where, true, false, 0, "OutOfMemoryException", out detail)));
            Assert.AreEqual("TLS setup with " + Where + " failed (OutOfMemoryException)", detail);
        }

        [TestMethod]
        public void DnsFailuresSayWhatToCheck()
        {
            string detail;
            Assert.AreEqual(FaultNames.Of(Fault.DnsFailure), FaultNames.Of(TlsConnectFaults.ForDns("nohost", true, 11001, "SocketException", out detail)));
            Assert.AreEqual("could not resolve nohost (DNS, socket error 11001): check aws.endpoint and that the network has DNS", detail);
            TlsConnectFaults.ForDns("nohost", false, 0, "ArgumentException", out detail);
            Assert.AreEqual("could not resolve nohost (ArgumentException)", detail);
        }

        [TestMethod]
        public void AConnectTimeoutIsTheStageItCut()
        {
            string detail;
            Assert.AreEqual(FaultNames.Of(Fault.TcpFailure), FaultNames.Of(TlsConnectFaults.ForConnectTimeout(Where, false, 20000, out detail)));
            Assert.AreEqual("TCP connect to " + Where + " timed out after 20000 ms", detail);
            Assert.AreEqual(FaultNames.Of(Fault.TlsFailure), FaultNames.Of(TlsConnectFaults.ForConnectTimeout(Where, true, 20000, out detail)));
            Assert.AreEqual("TLS handshake with " + Where + " timed out after 20000 ms", detail);
        }

        [TestMethod]
        public void StreamErrorsAreLostConnectionsUnlessTlsSaysOtherwise()
        {
            string detail;
            Assert.AreEqual(FaultNames.Of(Fault.ConnectionLost), FaultNames.Of(TlsConnectFaults.ForStream(Where, true, true, 10060, "SocketException", 5000, out detail)));
            Assert.AreEqual("write to " + Where + " timed out after 5000 ms", detail);
            Assert.AreEqual(FaultNames.Of(Fault.TlsFailure), FaultNames.Of(TlsConnectFaults.ForStream(Where, false, true, -0x7880, "SocketException", 5000, out detail)));
            Assert.AreEqual("read from " + Where + " failed (mbedTLS -0x7880)", detail);
            Assert.AreEqual(FaultNames.Of(Fault.ConnectionLost), FaultNames.Of(TlsConnectFaults.ForStream(Where, false, false, 0, "IOException", 5000, out detail)));
            Assert.AreEqual("read from " + Where + " failed (IOException)", detail);
        }
    }
}
