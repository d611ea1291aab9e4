using System.Security.Cryptography.X509Certificates;
using AwsIotDevice.Resources;

namespace AwsIotDevice.Platform
{
    /// <summary>
    /// The Amazon root CAs embedded in the image (certs/ via Resources/Certificates.resx).
    /// <para>
    /// SslStream.AuthenticateAsClient takes one CA certificate object. A PEM text with several certificates is accepted as one:
    /// nanoFramework hands the bytes to mbedtls_x509_crt_parse, which adds every PEM block to the trusted
    /// chain. The PEM form also needs a trailing NUL, which <c>X509Certificate(string)</c> appends.
    /// So the roots travel as PEM strings and are joined here.
    /// </para>
    /// </summary>
    public static class TrustedRoots
    {
        /// <summary>Amazon Root CA 1 (RSA 2048) followed by Amazon Root CA 3 (ECC P-256), as one PEM bundle.</summary>
        public static string AmazonRootsPem()
        {
            return Certificates.GetString(Certificates.StringResources.AmazonRootCA1)
                + "\n"
                + Certificates.GetString(Certificates.StringResources.AmazonRootCA3);
        }

        /// <summary>Builds the certificate object handed to <see cref="DeviceTlsConnector"/>. Throws if the resources are missing or unparsable.</summary>
        public static X509Certificate Load()
        {
            return new X509Certificate(AmazonRootsPem());
        }
    }
}
