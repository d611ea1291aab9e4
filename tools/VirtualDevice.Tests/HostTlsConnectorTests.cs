using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.VirtualDevice.Tests.Support;

namespace AwsIotDevice.VirtualDevice.Tests;

/// <summary>
/// TLS decisions of the virtual device (<see cref="HostTlsConnector"/> under Core's clients) against an in-process TLS
/// server: ALPN only in alpn mode, SNI always, trust only in the given anchors, and failures named in words.
/// </summary>
public sealed class HostTlsConnectorTests
{
    private static readonly HostLinkOptions Fast = new() { TlsTimeoutMs = 10000, ConnAckTimeoutMs = 10000, TcpTimeoutMs = 10000 };

    [Theory]
    [InlineData(TransportMode.Alpn, "mqtt")]
    [InlineData(TransportMode.Domain, "")]
    [InlineData(TransportMode.Wss, "")]
    public void OnlyAlpnModeOffersAlpnAndEveryModeSendsSni(TransportMode mode, string expectedAlpn)
    {
        var pki = TestPki.Create();
        using var broker = FakeTlsBroker.Start(pki.IssueServer("localhost"));
        using var link = new VirtualDeviceLink(pki.Anchors(), Fast);

        Fault fault = link.Connect(Requests.To(broker.Port, mode));

        Assert.True(fault == Fault.None, $"{FaultNames.Of(fault)}: {link.LastErrorDetail}");

        // The server offers "mqtt": nothing negotiated means the client's hello carried no ALPN extension at all.
        Assert.Equal(expectedAlpn, broker.Alpn);
        Assert.Equal(expectedAlpn, link.NegotiatedApplicationProtocol);
        Assert.Equal("localhost", broker.Sni);
        Assert.Equal(mode == TransportMode.Wss, broker.UpgradeRequest is not null);
    }

    [Fact]
    public void UnknownCaIsTlsFailureNamingTheUntrustedRoot()
    {
        var serverPki = TestPki.Create("Some Other CA");
        var trusted = TestPki.Create("The CA We Trust");
        using var broker = FakeTlsBroker.Start(serverPki.IssueServer("localhost"));
        using var link = new VirtualDeviceLink(trusted.Anchors(), Fast);

        Fault fault = link.Connect(Requests.To(broker.Port, TransportMode.Wss));

        Assert.Equal(Fault.TlsFailure, fault);
        Assert.Contains("untrusted root", link.LastErrorDetail);
        Assert.Contains("Some Other CA", link.LastErrorDetail);
        Assert.False(link.IsConnected);
    }

    [Fact]
    public void HostNameMismatchIsTlsFailureNamingBothNames()
    {
        var pki = TestPki.Create();
        using var broker = FakeTlsBroker.Start(pki.IssueServer("other.example"));
        using var link = new VirtualDeviceLink(pki.Anchors(), Fast);

        Fault fault = link.Connect(Requests.To(broker.Port));

        Assert.Equal(Fault.TlsFailure, fault);
        Assert.Contains("host name mismatch", link.LastErrorDetail);
        Assert.Contains("'localhost'", link.LastErrorDetail);
        Assert.Contains("other.example", link.LastErrorDetail);
        Assert.DoesNotContain("untrusted root", link.LastErrorDetail);
    }

    [Fact]
    public void ExpiredServerCertificateIsTlsFailureSayingExpired()
    {
        var pki = TestPki.Create();
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using var broker = FakeTlsBroker.Start(pki.IssueServer("localhost", now.AddDays(-30), now.AddDays(-1)));
        using var link = new VirtualDeviceLink(pki.Anchors(), Fast);

        Fault fault = link.Connect(Requests.To(broker.Port));

        Assert.Equal(Fault.TlsFailure, fault);
        Assert.Contains("expired", link.LastErrorDetail);
        Assert.DoesNotContain("untrusted root", link.LastErrorDetail);
        Assert.DoesNotContain("mismatch", link.LastErrorDetail);
    }

    [Fact]
    public void DefaultAmazonRootsRejectALocalCa()
    {
        var pki = TestPki.Create();
        using var broker = FakeTlsBroker.Start(pki.IssueServer("localhost"));
        using var amazonOnly = new VirtualDeviceLink(TrustAnchors.AmazonRoots(), Fast);

        Fault fault = amazonOnly.Connect(Requests.To(broker.Port));

        // The OS trust store is never used: a local CA is only trusted when given explicitly.
        Assert.Equal(Fault.TlsFailure, fault);
        Assert.Contains("untrusted root", amazonOnly.LastErrorDetail);
        Assert.Contains("Amazon Root CA 1 and 3", amazonOnly.LastErrorDetail);
    }

    [Fact]
    public void NothingListeningIsTcpFailureAndAnUnknownNameIsDnsFailure()
    {
        var pki = TestPki.Create();
        using var link = new VirtualDeviceLink(pki.Anchors(), Fast);

        Assert.Equal(Fault.TcpFailure, link.Connect(Requests.To(TestPki.FreePort())));
        Assert.Contains("ConnectionRefused", link.LastErrorDetail);

        using var resolverLink = new VirtualDeviceLink(pki.Anchors(), new HostLinkOptions { Resolver = (_, _) => Task.FromResult(Array.Empty<System.Net.IPAddress>()) });
        Assert.Equal(Fault.DnsFailure, resolverLink.Connect(Requests.To(1883, host: "nowhere.invalid")));
        Assert.Contains("no address", resolverLink.LastErrorDetail);
    }

    [Fact]
    public void AmazonRootsAreEmbedded()
    {
        TrustAnchors roots = TrustAnchors.AmazonRoots();

        Assert.Equal(2, roots.Certificates.Count);
        Assert.Contains(roots.Certificates.Cast<System.Security.Cryptography.X509Certificates.X509Certificate2>(), c => c.Subject.Contains("Amazon Root CA 1"));
        Assert.Contains(roots.Certificates.Cast<System.Security.Cryptography.X509Certificates.X509Certificate2>(), c => c.Subject.Contains("Amazon Root CA 3"));
    }

    [Fact]
    public void CaFileProblemsAreOneLineUserErrors()
    {
        using var dir = new TempDir();
        string empty = dir.File("empty.pem");
        File.WriteAllText(empty, "not a certificate\n");

        var missing = Assert.Throws<VirtualDeviceException>(() => TrustAnchors.FromPemFile(dir.File("nope.pem")));
        var noCert = Assert.Throws<VirtualDeviceException>(() => TrustAnchors.FromPemFile(empty));

        Assert.Contains("nope.pem", missing.Message);
        Assert.Contains("holds no certificate", noCert.Message);
        Assert.DoesNotContain('\n', missing.Message + noCert.Message);
    }
}
