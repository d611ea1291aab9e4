using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace AwsIotDevice.VirtualDevice;

/// <summary>
/// Validates a TLS server's certificate against <see cref="TrustAnchors"/> only (custom root trust, no OS store,
/// no revocation: the device cannot fetch CRLs either) plus the host name, and keeps the first reason it failed in
/// words a user can act on ("expired", "untrusted root", "name mismatch"). One instance per handshake.
/// </summary>
internal sealed class ServerCertificateCheck
{
    private readonly TrustAnchors _anchors;
    private readonly string _host;
    private readonly Func<DateTime> _now;

    public ServerCertificateCheck(TrustAnchors anchors, string host, Func<DateTime>? now = null)
    {
        _anchors = anchors;
        _host = host;
        _now = now ?? (() => DateTime.Now);
    }

    /// <summary>Why the certificate was refused; null when it was accepted or not yet seen.</summary>
    public string? Failure { get; private set; }

    /// <summary>The callback for SslClientAuthenticationOptions.RemoteCertificateValidationCallback.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        Failure = Explain(certificate, presented, errors);
        return Failure is null;
    }

    private string? Explain(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            return "the server sent no certificate";
        }

        var leaf = certificate as X509Certificate2 ?? new X509Certificate2(certificate);
        var reasons = new List<string>();
        DateTime now = _now();
        if (now > leaf.NotAfter)
        {
            reasons.Add($"server certificate expired on {leaf.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z (check the server's certificate, and this machine's clock)");
        }
        else if (now < leaf.NotBefore)
        {
            reasons.Add($"server certificate is not valid until {leaf.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z (check this machine's clock)");
        }

        string? chainProblem = CheckChain(leaf, presented, now);
        if (chainProblem is not null)
        {
            reasons.Add(chainProblem);
        }

        if (!leaf.MatchesHostname(_host, allowWildcards: true, allowCommonName: true))
        {
            reasons.Add($"host name mismatch: the certificate is not for '{_host}' (it names {Names(leaf)}); aws.endpoint must be the name the server's certificate was issued for");
        }

        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }

    private string? CheckChain(X509Certificate2 leaf, X509Chain? presented, DateTime now)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_anchors.Certificates);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        if (presented is not null)
        {
            // Intermediates the server sent: needed to reach the root, never trusted by themselves.
            chain.ChainPolicy.ExtraStore.AddRange(presented.ChainPolicy.ExtraStore);
            foreach (X509ChainElement element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        if (chain.Build(leaf))
        {
            return null;
        }

        var statuses = chain.ChainStatus.Select(s => s.Status).ToHashSet();
        if (statuses.Contains(X509ChainStatusFlags.UntrustedRoot) || statuses.Contains(X509ChainStatusFlags.PartialChain))
        {
            return $"untrusted root: the server certificate (issued by '{leaf.Issuer}') does not chain to a trusted root ({_anchors.Description})"
                + "; for the emulator pass its CA with --ca, for AWS use the Amazon roots";
        }

        statuses.Remove(X509ChainStatusFlags.NotTimeValid);
        if (statuses.Count == 0)
        {
            return null; // only the validity dates, already reported with the actual date
        }

        return "certificate chain invalid: " + string.Join(", ", statuses.Select(s => s.ToString()));
    }

    private static string Names(X509Certificate2 leaf)
    {
        var names = new List<string>();
        foreach (X509Extension extension in leaf.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension san)
            {
                names.AddRange(san.EnumerateDnsNames().Select(n => $"'{n}'"));
                names.AddRange(san.EnumerateIPAddresses().Select(a => $"'{a}'"));
            }
        }

        if (names.Count == 0)
        {
            names.Add($"subject '{leaf.Subject}'");
        }

        return string.Join(", ", names.Take(4)) + (names.Count > 4 ? ", ..." : string.Empty);
    }
}
