using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.VirtualDevice;

/// <summary>
/// The virtual device's <see cref="ITlsConnector"/>, the only network code under Core's MQTT and WebSocket clients on the
/// host: DNS (or <see cref="HostLinkOptions.Resolver"/>), TCP, TLS 1.2/1.3 with SNI = the endpoint, ALPN "mqtt" only when
/// asked (alpn mode; never in domain or wss mode), the server certificate checked against <see cref="TrustAnchors"/>
/// only (plus the host name). Every failure is a <see cref="Fault"/> with a secret-free detail that names the cause
/// ("untrusted root", "host name mismatch", "expired"). It can send ALPN, so the virtual device supports every mode.
/// Supervisor's thread, except <see cref="Sever"/> (any thread).
/// </summary>
public sealed class HostTlsConnector : ITlsConnector
{
    /// <summary>The ALPN protocol id AWS IoT Core uses to select MQTT with custom auth on port 443.</summary>
    public const string AlpnMqtt = "mqtt";

    private readonly TrustAnchors _anchors;
    private readonly HostLinkOptions _options;
    private readonly CancellationToken _stopping;
    private readonly object _sync = new();
    private HostTlsTransport? _current;
    private string _lastError = string.Empty;
    private string _negotiated = string.Empty;

    /// <summary>
    /// A connector that trusts only <paramref name="anchors"/>, with <paramref name="options"/> (defaults when null).
    /// Cancelling <paramref name="stopping"/> cuts short a connect in progress (the device is shutting down).
    /// </summary>
    public HostTlsConnector(TrustAnchors anchors, HostLinkOptions? options = null, CancellationToken stopping = default)
    {
        _anchors = anchors ?? throw new ArgumentNullException(nameof(anchors));
        _options = options ?? new HostLinkOptions();
        _stopping = stopping;
    }

    /// <summary>True: the host's TLS can send ALPN.</summary>
    public bool CanSendAlpn => true;

    /// <inheritdoc />
    public string LastErrorDetail
    {
        get
        {
            lock (_sync)
            {
                return _lastError;
            }
        }
    }

    /// <summary>The ALPN protocol the server chose in the last handshake ("" when none), for diagnostics and tests.</summary>
    public string NegotiatedApplicationProtocol
    {
        get
        {
            lock (_sync)
            {
                return _negotiated;
            }
        }
    }

    /// <summary>Connections opened so far.</summary>
    public int Connections { get; private set; }

    /// <summary>Fault injection, any thread: drops the current connection at once (TCP reset, no TLS close, no DISCONNECT).</summary>
    public void Sever()
    {
        HostTlsTransport? current;
        lock (_sync)
        {
            current = _current;
        }

        current?.Sever();
    }

    /// <inheritdoc />
    public Fault Connect(string host, int port, bool alpnMqtt, int timeoutMs, out ITransport transport)
    {
        transport = null!;
        try
        {
            (Fault fault, HostTlsTransport? opened) = ConnectAsync(host, port, alpnMqtt, timeoutMs).GetAwaiter().GetResult();
            if (fault != Fault.None && _stopping.IsCancellationRequested)
            {
                return Fail(fault, "connect cut short: the device is stopping");
            }

            if (opened is not null)
            {
                transport = opened;
            }

            return fault;
        }
        catch (Exception e)
        {
            // The contract is "never throws": an unforeseen failure is still a fault with a name.
            return Fail(Fault.Internal, $"unexpected {e.GetType().Name} while connecting");
        }
    }

    private async Task<(Fault, HostTlsTransport?)> ConnectAsync(string host, int port, bool alpn, int timeoutMs)
    {
        if (string.IsNullOrEmpty(host))
        {
            return (Fail(Fault.DnsFailure, "no host name to connect to (aws.endpoint is empty)"), null);
        }

        string target = $"{host}:{port}";
        long deadline = Environment.TickCount64 + Math.Max(1, timeoutMs);
        IPAddress[] addresses;
        int dnsMs = Budget(_options.DnsTimeoutMs, deadline);
        using (var dns = Limit(dnsMs))
        {
            try
            {
                addresses = _options.Resolver is { } resolve
                    ? await resolve(host, dns.Token).ConfigureAwait(false)
                    : await Dns.GetHostAddressesAsync(host, dns.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return (Fail(Fault.DnsFailure, $"DNS lookup of '{host}' timed out after {dnsMs} ms"), null);
            }
            catch (SocketException e)
            {
                return (Fail(Fault.DnsFailure, $"DNS lookup of '{host}' failed ({e.SocketErrorCode})"), null);
            }
            catch (ArgumentException)
            {
                return (Fail(Fault.DnsFailure, $"'{host}' is not a valid host name"), null);
            }
        }

        if (addresses.Length == 0)
        {
            return (Fail(Fault.DnsFailure, $"DNS lookup of '{host}' returned no address"), null);
        }

        (Socket? socket, Fault tcpFault, string tcpDetail) = await OpenTcpAsync(addresses, port, target, Budget(_options.TcpTimeoutMs, deadline)).ConfigureAwait(false);
        if (socket is null)
        {
            return (Fail(tcpFault, tcpDetail), null);
        }

        Stream tcp = new NetworkStream(socket, ownsSocket: true);
        if (_options.TcpStreamWrapper is { } wrap)
        {
            tcp = wrap(tcp);
        }

        var ssl = new SslStream(tcp, leaveInnerStreamOpen: false);
        bool handedOver = false;
        try
        {
            Fault tls = await HandshakeAsync(ssl, host, target, alpn, Budget(_options.TlsTimeoutMs, deadline)).ConfigureAwait(false);
            if (tls != Fault.None)
            {
                return (tls, null);
            }

            var opened = new HostTlsTransport(socket, ssl, target);
            lock (_sync)
            {
                _current = opened;
                _lastError = string.Empty;
            }

            Connections++;
            handedOver = true;
            return (Fault.None, opened);
        }
        finally
        {
            if (!handedOver)
            {
                ssl.Dispose();
                socket.Dispose();
            }
        }
    }

    private static int Budget(int stageMs, long deadline) => (int)Math.Clamp(Math.Min(stageMs, deadline - Environment.TickCount64), 1, int.MaxValue);

    private CancellationTokenSource Limit(int milliseconds)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(_stopping);
        source.CancelAfter(milliseconds);
        return source;
    }

    private async Task<(Socket? Socket, Fault Fault, string Detail)> OpenTcpAsync(IPAddress[] addresses, int port, string target, int budgetMs)
    {
        using var budget = Limit(budgetMs);
        SocketError lastError = SocketError.HostUnreachable;
        foreach (IPAddress address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), budget.Token).ConfigureAwait(false);
                return (socket, Fault.None, string.Empty);
            }
            catch (OperationCanceledException)
            {
                socket.Dispose();
                return (null, Fault.TcpFailure, $"TCP connect to {target} timed out after {budgetMs} ms");
            }
            catch (SocketException e)
            {
                socket.Dispose();
                lastError = e.SocketErrorCode;
            }
        }

        // The supervisor adds the advice (check aws.port, outbound TLS); the detail says only what happened.
        string what = lastError == SocketError.ConnectionRefused ? ": nothing listens there" : string.Empty;
        return (null, Fault.TcpFailure, $"TCP connect to {target} failed ({lastError}){what}");
    }

    private async Task<Fault> HandshakeAsync(SslStream ssl, string host, string target, bool alpn, int budgetMs)
    {
        var check = new ServerCertificateCheck(_anchors, host);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = host,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = check.Validate,

            // Only alpn mode offers ALPN: domain mode reaches a domain configuration by SNI alone, and forcing "mqtt" on
            // a WebSocket connection breaks custom auth over WSS on AWS (aws-crt-nodejs #362). The board cannot send
            // ALPN at all, so the virtual device sends it only where the mode needs it.
            ApplicationProtocols = alpn ? [new SslApplicationProtocol(AlpnMqtt)] : null,
        };
        lock (_sync)
        {
            _negotiated = string.Empty;
        }

        using var timeout = Limit(budgetMs);
        try
        {
            await ssl.AuthenticateAsClientAsync(options, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return Fail(Fault.TlsFailure, $"TLS handshake with {target} timed out after {budgetMs} ms");
        }
        catch (Exception e) when (e is AuthenticationException or IOException or SocketException)
        {
            if (check.Failure is not null)
            {
                return Fail(Fault.TlsFailure, $"TLS to {target} refused: {check.Failure}");
            }

            string why = e is AuthenticationException ? Innermost(e) : "the server closed the connection during the handshake";
            string hint = alpn
                ? " (ALPN 'mqtt' was offered, as aws.mode=alpn does: the endpoint must accept it, e.g. the default endpoint on 443)"
                : " (no ALPN was offered, as in aws.mode=wss and domain: the endpoint must be the default endpoint's WebSocket route or a domain configuration's name)";
            return Fail(Fault.TlsFailure, $"TLS handshake with {target} failed: {why}{hint}");
        }

        lock (_sync)
        {
            _negotiated = ssl.NegotiatedApplicationProtocol.ToString();
        }

        return Fault.None;
    }

    private Fault Fail(Fault fault, string detail)
    {
        lock (_sync)
        {
            _lastError = detail;
        }

        return fault;
    }

    private static string Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e.Message.ReplaceLineEndings(" ");
    }
}
