using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AwsIotDevice.Emulator.Tests.Support;

/// <summary>
/// One in-memory CA, one server certificate for the emulator's endpoint names and two authorizer key pairs, shared
/// by all tests (creation is slow-ish). Built on tools/TestSupport's <see cref="TestPki"/>.
/// </summary>
public static class EmulatorTestPki
{
    public const string AtsHost = "abc123-ats.iot.us-east-1.amazonaws.com";
    public const string DomainHost = "custom.example.test";
    public const string DefaultDomainHost = "default.example.test";

    private static readonly Lazy<TestPki> Authority = new(() => TestPki.Create());
    private static readonly Lazy<X509Certificate2> ServerCertificate = new(() =>
        Authority.Value.IssueServer([AtsHost, "localhost", DomainHost, DefaultDomainHost], [IPAddress.Loopback]));
    private static readonly Lazy<RSA> Key1 = new(() => RSA.Create(2048));
    private static readonly Lazy<RSA> Key2 = new(() => RSA.Create(2048));

    public static X509Certificate2 Ca => Authority.Value.Ca;
    public static X509Certificate2 Server => ServerCertificate.Value;
    public static RSA AuthorizerKey => Key1.Value;
    public static RSA OtherKey => Key2.Value;

    /// <summary>Validates the server certificate against the test CA only (name checked unless <paramref name="ignoreName"/>).</summary>
    public static bool Validate(X509Certificate? cert, System.Net.Security.SslPolicyErrors errors, bool ignoreName) =>
        Authority.Value.Validate(cert, errors, ignoreName);
}
