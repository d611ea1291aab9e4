using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Emulator.MqttCodec.Channel;
using AwsIotDevice.Emulator.MqttCodec.Formatting;
using AwsIotDevice.Emulator.MqttCodec.Packets;

namespace AwsIotDevice.VirtualDevice;

/// <summary>
/// The core's <see cref="IMqttLink"/> on the host: DNS, TCP, TLS 1.2/1.3 with SNI = the endpoint, ALPN "mqtt" in
/// <see cref="TransportMode.Alpn"/> and no ALPN in <see cref="TransportMode.Domain"/>, the server certificate checked
/// against <see cref="TrustAnchors"/> only (plus the host name), then MQTT 3.1.1 over the shared codec.
/// Every failure is a <see cref="Fault"/> with a secret-free <see cref="LastErrorDetail"/> that names the cause
/// (it is shown over the serial STATUS). Methods are for one caller thread (the supervisor's), as the interface
/// says; <see cref="Sever"/> may be called from any thread.
/// </summary>
public sealed class TlsMqttLink : IMqttLink, IDisposable
{
    /// <summary>The ALPN protocol id AWS IoT Core uses to select MQTT with custom auth on port 443.</summary>
    public const string AlpnMqtt = "mqtt";

    /// <summary>
    /// The detail for a connection closed before CONNACK: over MQTT 3.1.1 this is how AWS refuses a client
    /// (no CONNACK with a return code), so it is reported as a refusal, not as a network fault.
    /// </summary>
    public const string ClosedWithoutConnack = "server closed the connection without CONNACK (AWS refuses custom-auth this way: check the authorizer/log)";

    private readonly TrustAnchors _anchors;
    private readonly TlsMqttLinkOptions _options;
    private readonly CancellationToken _stopping;
    private readonly object _sync = new();
    private MqttSession? _session;
    private string _lastError = string.Empty;

    /// <summary>
    /// A link that trusts only <paramref name="anchors"/>, with <paramref name="options"/> (defaults when null).
    /// Cancelling <paramref name="stopping"/> cuts short a connect in progress (the device is shutting down).
    /// </summary>
    public TlsMqttLink(TrustAnchors anchors, TlsMqttLinkOptions? options = null, CancellationToken stopping = default)
    {
        _anchors = anchors ?? throw new ArgumentNullException(nameof(anchors));
        _options = options ?? new TlsMqttLinkOptions();
        _stopping = stopping;
    }

    /// <inheritdoc />
    public bool IsConnected => CurrentSession()?.Connected == true;

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

    /// <summary>The ALPN protocol the server chose in the last TLS handshake ("" when none), for diagnostics and tests.</summary>
    public string NegotiatedApplicationProtocol { get; private set; } = string.Empty;

    /// <inheritdoc />
    public Fault Connect(MqttConnectRequest request)
    {
        Close();
        try
        {
            Fault fault = ConnectAsync(request).GetAwaiter().GetResult();
            return fault != Fault.None && _stopping.IsCancellationRequested
                ? Fail(fault, "connect cut short: the device is stopping")
                : fault;
        }
        catch (Exception e)
        {
            // The contract is "never throws": an unforeseen failure is still a fault with a name.
            return Fail(Fault.Internal, $"unexpected {e.GetType().Name} while connecting");
        }
    }

    /// <inheritdoc />
    public Fault Publish(string topic, byte[] payload, int length, int qos, int timeoutMs)
    {
        try
        {
            return PublishCore(topic, payload, length, qos, timeoutMs);
        }
        catch (MqttProtocolException e)
        {
            // Our own packet broke an MQTT rule (e.g. a wildcard in the topic): nothing was sent, the session is intact.
            return Fail(Fault.PublishRejected, $"PUBLISH could not be encoded: {e.Message}");
        }
        catch (ArgumentException e)
        {
            return Fail(Fault.Internal, $"invalid publish arguments ({e.GetType().Name})");
        }
    }

    private Fault PublishCore(string topic, byte[] payload, int length, int qos, int timeoutMs)
    {
        MqttSession? session = CurrentSession();
        if (session is null || !session.Connected)
        {
            return Fail(Fault.ConnectionLost, session?.LossDetail ?? "not connected");
        }

        if (qos is not (0 or 1))
        {
            return Fail(Fault.PublishRejected, $"QoS {qos} is not supported (AWS IoT Core takes 0 or 1)");
        }

        // The caller owns the buffer and reuses it: the packet gets its own copy.
        var packet = new PublishPacket { Topic = topic, Payload = payload.AsSpan(0, length).ToArray(), QoS = (MqttQos)qos };
        if (qos == 0)
        {
            return session.Write(packet) ? Fault.None : Fail(Fault.ConnectionLost, session.LossDetail ?? "connection lost");
        }

        (ushort id, Task<bool> acked) = session.Track();
        packet.PacketId = id;
        if (!session.Write(packet))
        {
            session.Forget(id);
            return Fail(Fault.ConnectionLost, session.LossDetail ?? "connection lost");
        }

        if (!acked.Wait(Math.Max(1, timeoutMs)))
        {
            session.Forget(id);
            return Fail(Fault.PublishTimeout, $"no PUBACK for packet {id} on '{topic}' within {timeoutMs} ms");
        }

        return acked.Result ? Fault.None : Fail(Fault.ConnectionLost, session.LossDetail ?? "connection lost before PUBACK");
    }

    /// <inheritdoc />
    public void Close()
    {
        MqttSession? session;
        lock (_sync)
        {
            session = _session;
            _session = null;
        }

        session?.Close();
    }

    /// <summary>Fault injection: drops the current connection at once (TCP reset, no DISCONNECT), like a dead network.</summary>
    public void Sever() => CurrentSession()?.Sever();

    /// <summary>Same as <see cref="Close"/>.</summary>
    public void Dispose() => Close();

    private MqttSession? CurrentSession()
    {
        lock (_sync)
        {
            return _session;
        }
    }

    private Fault Fail(Fault fault, string detail)
    {
        lock (_sync)
        {
            _lastError = detail;
        }

        return fault;
    }

    private async Task<Fault> ConnectAsync(MqttConnectRequest request)
    {
        if (request is null || string.IsNullOrEmpty(request.Host))
        {
            return Fail(Fault.DnsFailure, "no host name to connect to (aws.endpoint is empty)");
        }

        string host = request.Host;
        if (request.Port is < 1 or > 65535)
        {
            return Fail(Fault.TcpFailure, $"port {request.Port} is out of range (aws.port must be 1..65535)");
        }

        string target = $"{host}:{request.Port}";
        IPAddress[] addresses;
        using (var dns = Limit(_options.DnsTimeoutMs))
        {
            try
            {
                addresses = _options.Resolver is { } resolve
                    ? await resolve(host, dns.Token).ConfigureAwait(false)
                    : await Dns.GetHostAddressesAsync(host, dns.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return Fail(Fault.DnsFailure, $"DNS lookup of '{host}' timed out after {_options.DnsTimeoutMs} ms");
            }
            catch (SocketException e)
            {
                return Fail(Fault.DnsFailure, $"DNS lookup of '{host}' failed ({e.SocketErrorCode})");
            }
            catch (ArgumentException)
            {
                return Fail(Fault.DnsFailure, $"'{host}' is not a valid host name");
            }
        }

        if (addresses.Length == 0)
        {
            return Fail(Fault.DnsFailure, $"DNS lookup of '{host}' returned no address");
        }

        (Socket? socket, Fault tcpFault, string tcpDetail) = await OpenTcpAsync(addresses, request.Port, target).ConfigureAwait(false);
        if (socket is null)
        {
            return Fail(tcpFault, tcpDetail);
        }

        var ssl = new SslStream(new NetworkStream(socket, ownsSocket: true), leaveInnerStreamOpen: false);
        bool handedOver = false;
        try
        {
            Fault tls = await HandshakeAsync(ssl, host, target, request.Mode).ConfigureAwait(false);
            if (tls != Fault.None)
            {
                return tls;
            }

            var channel = new MqttChannel(ssl);
            Fault mqtt = await SendConnectAsync(channel, request, target).ConfigureAwait(false);
            if (mqtt != Fault.None)
            {
                return mqtt;
            }

            var session = new MqttSession(socket, ssl, channel, request.KeepAliveSeconds, _options, OnSessionLost);
            lock (_sync)
            {
                _session = session;
            }

            session.Start();
            handedOver = true;
            return Fault.None;
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

    private CancellationTokenSource Limit(int milliseconds)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(_stopping);
        source.CancelAfter(milliseconds);
        return source;
    }

    private void OnSessionLost(string detail)
    {
        lock (_sync)
        {
            _lastError = detail;
        }
    }

    private async Task<(Socket? Socket, Fault Fault, string Detail)> OpenTcpAsync(IPAddress[] addresses, int port, string target)
    {
        using var budget = Limit(_options.TcpTimeoutMs);
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
                return (null, Fault.TcpFailure, $"TCP connect to {target} timed out after {_options.TcpTimeoutMs} ms");
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

    private async Task<Fault> HandshakeAsync(SslStream ssl, string host, string target, TransportMode mode)
    {
        var check = new ServerCertificateCheck(_anchors, host);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = host,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = check.Validate,

            // Domain mode reaches a CUSTOM_AUTH domain configuration by SNI alone; sending ALPN there is what the
            // device cannot do, so the virtual device must not do it either.
            ApplicationProtocols = mode == TransportMode.Alpn ? [new SslApplicationProtocol(AlpnMqtt)] : null,
        };
        NegotiatedApplicationProtocol = string.Empty;
        using var timeout = Limit(_options.TlsTimeoutMs);
        try
        {
            await ssl.AuthenticateAsClientAsync(options, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return Fail(Fault.TlsFailure, $"TLS handshake with {target} timed out after {_options.TlsTimeoutMs} ms");
        }
        catch (Exception e) when (e is AuthenticationException or IOException or SocketException)
        {
            if (check.Failure is not null)
            {
                return Fail(Fault.TlsFailure, $"TLS to {target} refused: {check.Failure}");
            }

            string why = e is AuthenticationException ? Innermost(e) : "the server closed the connection during the handshake";
            string hint = mode == TransportMode.Alpn
                ? " (aws.mode=alpn sends ALPN 'mqtt': the endpoint must accept it, e.g. the default endpoint on 443)"
                : " (aws.mode=domain sends no ALPN: the endpoint must be a domain configuration's name)";
            return Fail(Fault.TlsFailure, $"TLS handshake with {target} failed: {why}{hint}");
        }

        NegotiatedApplicationProtocol = ssl.NegotiatedApplicationProtocol.ToString();
        return Fault.None;
    }

    private async Task<Fault> SendConnectAsync(MqttChannel channel, MqttConnectRequest request, string target)
    {
        string? username = string.IsNullOrEmpty(request.Username) ? null : request.Username;
        byte[]? password = string.IsNullOrEmpty(request.Password) ? null : Encoding.UTF8.GetBytes(request.Password);
        if (password is not null && username is null)
        {
            return Fail(Fault.ConnectRefused, "MQTT 3.1.1 cannot send a password without a username (set mqtt.username or the authorizer settings)");
        }

        var connect = new ConnectPacket
        {
            ClientId = request.ClientId ?? string.Empty,
            CleanSession = request.CleanSession,
            KeepAliveSeconds = (ushort)Math.Clamp(request.KeepAliveSeconds, 0, ushort.MaxValue),
            Username = username,
            Password = password,
        };

        try
        {
            using (var write = Limit(_options.WriteTimeoutMs))
            {
                await channel.WritePacketAsync(connect, write.Token).ConfigureAwait(false);
            }
        }
        catch (MqttProtocolException e)
        {
            // The codec refused our own CONNECT (e.g. a field too long); its message names the field, never the password.
            return Fail(Fault.ConnectRefused, $"CONNECT could not be encoded: {e.Message}");
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            return Fail(Fault.ConnectRefused, ClosedWithoutConnack);
        }

        MqttPacket? reply;
        using (var wait = Limit(_options.ConnAckTimeoutMs))
        {
            try
            {
                reply = await channel.ReadPacketAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return Fail(Fault.ConnectTimeout, $"no CONNACK from {target} within {_options.ConnAckTimeoutMs} ms after CONNECT");
            }
            catch (MqttProtocolException e) when (e.Code == MqttErrorCode.ConnectionClosedMidFrame)
            {
                return Fail(Fault.ConnectRefused, ClosedWithoutConnack);
            }
            catch (MqttProtocolException e)
            {
                return Fail(Fault.ConnectRefused, $"invalid reply to CONNECT from {target}: {e.Message}");
            }
            catch (Exception e) when (e is IOException or SocketException)
            {
                return Fail(Fault.ConnectRefused, ClosedWithoutConnack);
            }
        }

        return reply switch
        {
            null => Fail(Fault.ConnectRefused, ClosedWithoutConnack),
            ConnAckPacket { ReasonCode: ConnectReturnCodes.Accepted } => Fault.None,
            ConnAckPacket refused => Fail(Fault.ConnectRefused, $"CONNACK refused the connection: return code {refused.ReasonCode} ({ReturnCodeName(refused.ReasonCode)})"),
            _ => Fail(Fault.ConnectRefused, $"expected CONNACK from {target}, got {reply.Type}"),
        };
    }

    /// <summary>The MQTT 3.1.1 name of a CONNACK return code.</summary>
    public static string ReturnCodeName(byte code) => code switch
    {
        ConnectReturnCodes.Accepted => "accepted",
        ConnectReturnCodes.UnacceptableProtocolVersion => "unacceptable protocol version",
        ConnectReturnCodes.IdentifierRejected => "identifier rejected: check mqtt.clientId",
        ConnectReturnCodes.ServerUnavailable => "server unavailable",
        ConnectReturnCodes.BadUsernameOrPassword => "bad user name or password: check the authorizer settings, token and signature",
        ConnectReturnCodes.NotAuthorized => "not authorized",
        _ => "unknown return code",
    };

    private static string Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e.Message.ReplaceLineEndings(" ");
    }
}
