using System.Security.Cryptography.X509Certificates;

namespace AwsIotDevice.VirtualDevice.Tests.Support;

/// <summary>The virtual device's view of a test CA.</summary>
internal static class TestPkiAnchors
{
    /// <summary>Trust anchors holding only this CA.</summary>
    public static TrustAnchors Anchors(this TestPki pki) =>
        TrustAnchors.From(new X509Certificate2Collection(X509CertificateLoader.LoadCertificate(pki.Ca.RawData)), "test CA");
}
