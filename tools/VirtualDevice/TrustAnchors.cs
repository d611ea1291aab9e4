using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AwsIotDevice.VirtualDevice;

/// <summary>
/// The root certificates a <see cref="HostTlsConnector"/> trusts, and nothing else (the OS store is never consulted):
/// the Amazon roots the firmware embeds (certs/AmazonRootCA1.pem and AmazonRootCA3.pem) for the real cloud, or a
/// PEM file such as the emulator's CA for local runs.
/// </summary>
public sealed class TrustAnchors
{
    private TrustAnchors(X509Certificate2Collection certificates, string description)
    {
        Certificates = certificates;
        Description = description;
    }

    /// <summary>The roots. Treat as read-only.</summary>
    public X509Certificate2Collection Certificates { get; }

    /// <summary>Where the roots came from, for messages ("Amazon Root CA 1 and 3", "ca.pem").</summary>
    public string Description { get; }

    /// <summary>Amazon Root CA 1 (RSA) and Amazon Root CA 3 (ECC), as embedded in the firmware image.</summary>
    public static TrustAnchors AmazonRoots()
    {
        var collection = new X509Certificate2Collection();
        foreach (string name in new[] { "certs/AmazonRootCA1.pem", "certs/AmazonRootCA3.pem" })
        {
            using Stream stream = typeof(TrustAnchors).Assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"embedded root {name} is missing from the build");
            using var reader = new StreamReader(stream);
            collection.ImportFromPem(reader.ReadToEnd());
        }

        return new TrustAnchors(collection, "Amazon Root CA 1 and 3");
    }

    /// <summary>Every certificate in the PEM file at <paramref name="path"/> (one or more CERTIFICATE blocks).</summary>
    /// <exception cref="VirtualDeviceException">The file is missing, unreadable, or holds no certificate.</exception>
    public static TrustAnchors FromPemFile(string path)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VirtualDeviceException($"CA file '{path}' cannot be read ({e.GetType().Name}: {e.Message}); give a PEM file with the broker's root certificate", e);
        }
        catch (CryptographicException e)
        {
            throw new VirtualDeviceException($"CA file '{path}' is not valid PEM ({e.Message}); give a PEM file with -----BEGIN CERTIFICATE----- blocks", e);
        }

        if (collection.Count == 0)
        {
            throw new VirtualDeviceException($"CA file '{path}' holds no certificate; give a PEM file with -----BEGIN CERTIFICATE----- blocks (e.g. the emulator's ca.pem)");
        }

        return new TrustAnchors(collection, System.IO.Path.GetFileName(path));
    }

    /// <summary>The given certificates (tests, embedding hosts).</summary>
    public static TrustAnchors From(X509Certificate2Collection certificates, string description)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        return new TrustAnchors(certificates, description);
    }
}
