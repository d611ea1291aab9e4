namespace AwsIotDevice.Emulator.Config;

/// <summary>
/// The contents of <c>emulator.json</c>. Plain data: <see cref="ConfigValidator"/> checks it and
/// <see cref="ConfigLoader"/> turns it into a <see cref="LoadedConfig"/> (files read, paths resolved).
/// Relative file paths are relative to the directory holding emulator.json.
/// </summary>
public sealed class EmulatorConfig
{
    /// <summary>Where the emulator listens.</summary>
    public ListenConfig Listen { get; set; } = new();

    /// <summary>The default (ATS) endpoint: host names and its authorizer settings.</summary>
    public EndpointConfig Endpoint { get; set; } = new();

    /// <summary>Server certificate, its key and the CA that signed it.</summary>
    public TlsConfig Tls { get; set; } = new();

    /// <summary>Domain configurations (host names with fixed authentication type and protocol).</summary>
    public List<DomainConfigurationConfig> DomainConfigurations { get; set; } = [];

    /// <summary>Custom authorizers.</summary>
    public List<AuthorizerConfig> Authorizers { get; set; } = [];

    /// <summary>Region and account used in resource ARNs.</summary>
    public AwsAccountConfig Aws { get; set; } = new();

    /// <summary>How strictly ambiguous input is read.</summary>
    public StrictnessConfig Strictness { get; set; } = new();

    /// <summary>Switches for observed (undocumented) AWS behaviour.</summary>
    public ObservedBehaviourConfig Observed { get; set; } = new();

    /// <summary>Broker limits (AWS's defaults).</summary>
    public LimitsConfig Limits { get; set; } = new();
}

/// <summary>Listening socket settings.</summary>
public sealed class ListenConfig
{
    /// <summary>IP address to bind; default 127.0.0.1 (never exposed beyond the machine unless changed).</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>Ports, each behaving like AWS's port 443 (ALPN decides). 0 = an ephemeral port (tests).</summary>
    public List<int> Ports { get; set; } = [8443];

    /// <summary>
    /// Ports behaving like AWS's 8883, which is X.509 client-certificate only: every connection there is refused
    /// with a log line saying custom auth needs port 443 (tells a device configured with the wrong port why).
    /// </summary>
    public List<int> X509OnlyPorts { get; set; } = [];
}

/// <summary>The account's default data endpoint.</summary>
public sealed class EndpointConfig
{
    /// <summary>The ATS endpoint host name clients put in SNI, e.g. <c>abc123-ats.iot.us-east-1.amazonaws.com</c>.</summary>
    public string AtsHostName { get; set; } = "abc123example-ats.iot.us-east-1.amazonaws.com";

    /// <summary>Whether SNI <c>localhost</c> also reaches the default endpoint.</summary>
    public bool AcceptLocalhost { get; set; } = true;

    /// <summary>The authorizer used when the username names none (null: a name is required).</summary>
    public string? DefaultAuthorizerName { get; set; }

    /// <summary>Whether the username may name another authorizer than the default.</summary>
    public bool AllowAuthorizerOverride { get; set; } = true;
}

/// <summary>TLS material (PEM files).</summary>
public sealed class TlsConfig
{
    /// <summary>Server certificate PEM (leaf; intermediates may follow).</summary>
    public string CertificateFile { get; set; } = "server.crt";

    /// <summary>Server private key PEM (PKCS#8 or EC/RSA).</summary>
    public string PrivateKeyFile { get; set; } = "server.key";

    /// <summary>The CA certificate clients must trust (informational; sent nowhere).</summary>
    public string CaFile { get; set; } = "ca.crt";

    /// <summary>Seconds a client has to finish the TLS handshake.</summary>
    public int HandshakeTimeoutSeconds { get; set; } = 10;
}

/// <summary>An AWS IoT domain configuration.</summary>
public sealed class DomainConfigurationConfig
{
    /// <summary>Configuration name (for logs).</summary>
    public string Name { get; set; } = "";

    /// <summary>The host name clients send as SNI.</summary>
    public string DomainName { get; set; } = "";

    /// <summary>CUSTOM_AUTH, CUSTOM_AUTH_X509, AWS_X509, AWS_SIGV4 or DEFAULT.</summary>
    public string AuthenticationType { get; set; } = "CUSTOM_AUTH";

    /// <summary>SECURE_MQTT, MQTT_WSS, HTTPS or DEFAULT.</summary>
    public string ApplicationProtocol { get; set; } = "SECURE_MQTT";

    /// <summary>Authorizer settings of this domain.</summary>
    public AuthorizerSelectionConfig AuthorizerConfig { get; set; } = new();
}

/// <summary>AWS's authorizerConfig of a domain configuration.</summary>
public sealed class AuthorizerSelectionConfig
{
    /// <summary>Authorizer used when the username names none.</summary>
    public string? DefaultAuthorizerName { get; set; }

    /// <summary>Whether the username may name a different authorizer.</summary>
    public bool AllowAuthorizerOverride { get; set; }
}

/// <summary>A custom authorizer.</summary>
public sealed class AuthorizerConfig
{
    /// <summary>Authorizer name: 1..128 of <c>[\w=,@-]</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>ACTIVE or INACTIVE (an INACTIVE authorizer is never invoked).</summary>
    public string Status { get; set; } = "ACTIVE";

    /// <summary>True: no token signature is required or checked.</summary>
    public bool SigningDisabled { get; set; }

    /// <summary>The username query key carrying the token: 1..128 of <c>[a-zA-Z0-9_-]</c>.</summary>
    public string? TokenKeyName { get; set; }

    /// <summary>1 or 2 RSA-2048 public key PEM files (required unless signing is disabled).</summary>
    public List<string> PublicKeyFiles { get; set; } = [];

    /// <summary><c>reference</c> (built in), <c>command</c> (external process) or <c>lambda</c> (a deployment package run as Lambda runs it).</summary>
    public string Kind { get; set; } = "reference";

    /// <summary>Options of the built-in reference authorizer.</summary>
    public ReferenceAuthorizerConfig Reference { get; set; } = new();

    /// <summary>The external command (when <see cref="Kind"/> is <c>command</c>).</summary>
    public CommandAuthorizerConfig? Command { get; set; }

    /// <summary>The Lambda deployment package (when <see cref="Kind"/> is <c>lambda</c>).</summary>
    public LambdaAuthorizerConfig? Lambda { get; set; }
}

/// <summary>
/// An authorizer Lambda run from its deployment package (the zip <c>iotctl aws package</c> builds, the same one
/// deployed to AWS): a custom runtime's <c>bootstrap</c> behind a local Lambda Runtime API on 127.0.0.1.
/// </summary>
public sealed class LambdaAuthorizerConfig
{
    /// <summary>The zip (relative paths resolve against the config directory).</summary>
    public string Package { get; set; } = "";

    /// <summary>Function name (AWS_LAMBDA_FUNCTION_NAME).</summary>
    public string FunctionName { get; set; } = "authorizer";

    /// <summary>Invocation timeout in seconds, cold start included: 1..5 (AWS gives an authorizer 5 s).</summary>
    public int TimeoutSeconds { get; set; } = 5;

    /// <summary>The function's environment variables, as the CloudFormation template sets them.</summary>
    public Dictionary<string, string> Environment { get; set; } = [];
}

/// <summary>Options of the built-in reference authorizer (tools/CustomAuth).</summary>
public sealed class ReferenceAuthorizerConfig
{
    /// <summary>Topic prefix granted as <c>&lt;prefix&gt;/&lt;clientId&gt;/*</c>.</summary>
    public string TopicPrefix { get; set; } = "devices";

    /// <summary>refreshAfterInSeconds of an allowed connection (300..86400).</summary>
    public int RefreshAfterInSeconds { get; set; } = 300;

    /// <summary>
    /// Client ids of backend principals: a valid token for one of them may publish credential renewals on
    /// <c>&lt;prefix&gt;/*/credentials</c> and read their acknowledgements, and nothing else (no device rights). On AWS the
    /// backend publishes with IAM instead (<c>aws iot-data publish</c>).
    /// </summary>
    public List<string> BackendClientIds { get; set; } = [];
}

/// <summary>An external authorizer command: AWS event JSON on stdin, response JSON on stdout.</summary>
public sealed class CommandAuthorizerConfig
{
    /// <summary>Executable path (relative paths are resolved against the config directory when such a file exists).</summary>
    public string Path { get; set; } = "";

    /// <summary>Arguments.</summary>
    public List<string> Args { get; set; } = [];

    /// <summary>Timeout in seconds (AWS's Lambda limit for authorizers is 5).</summary>
    public int TimeoutSeconds { get; set; } = 5;
}

/// <summary>Region and account of the emulated AWS account.</summary>
public sealed class AwsAccountConfig
{
    /// <summary>AWS region, e.g. us-east-1.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>12-digit account id.</summary>
    public string Account { get; set; } = "123456789012";
}

/// <summary>Strictness switches.</summary>
public sealed class StrictnessConfig
{
    /// <summary>
    /// True (default, as form decoding does): a raw '+' in the username query decodes to a space, so an
    /// unencoded base64 signature fails. False: '+' is kept literally.
    /// </summary>
    public bool PlusIsSpace { get; set; } = true;
}

/// <summary>Observed AWS behaviour that can be switched for experiments.</summary>
public sealed class ObservedBehaviourConfig
{
    /// <summary>MQTT 3.1.1 refusal: close without CONNACK (observed on AWS). False: send CONNACK 0x05 first.</summary>
    public bool V311RefusalClosesWithoutConnAck { get; set; } = true;

    /// <summary>A second '?' in the username breaks authorizer invocation (observed): refuse.</summary>
    public bool SecondQuestionMarkBreaksInvocation { get; set; } = true;
}

/// <summary>Broker limits; defaults are AWS IoT Core's.</summary>
public sealed class LimitsConfig
{
    /// <summary>Largest client id in UTF-8 bytes.</summary>
    public int MaxClientIdBytes { get; set; } = 128;

    /// <summary>Largest topic in UTF-8 bytes.</summary>
    public int MaxTopicBytes { get; set; } = 256;

    /// <summary>Most slashes in a topic (not counting a <c>$aws/rules/&lt;rule&gt;/</c> prefix).</summary>
    public int MaxTopicSlashes { get; set; } = 7;

    /// <summary>Largest PUBLISH payload in bytes.</summary>
    public int MaxPayloadBytes { get; set; } = 128 * 1024;

    /// <summary>PUBLISH packets per second per connection.</summary>
    public int MaxPublishesPerSecond { get; set; } = 100;

    /// <summary>Inbound PUBLISH payload bytes per second per connection (AWS: 512 KiB/s).</summary>
    public int MaxPublishBytesPerSecond { get; set; } = 512 * 1024;

    /// <summary>Minimum milliseconds between CONNECTs of one client id.</summary>
    public int ConnectIntervalMilliseconds { get; set; } = 1000;

    /// <summary>Topic filters per SUBSCRIBE.</summary>
    public int MaxFiltersPerSubscribe { get; set; } = 8;

    /// <summary>Subscriptions per connection.</summary>
    public int MaxSubscriptionsPerConnection { get; set; } = 50;

    /// <summary>How long a persistent session (cleanSession=false; MQTT 5: its session expiry, capped) outlives its connection (AWS: 1 hour).</summary>
    public int PersistentSessionExpirySeconds { get; set; } = 3600;

    /// <summary>QoS 1 messages kept for an offline persistent session (oldest dropped beyond it).</summary>
    public int MaxQueuedMessagesPerSession { get; set; } = 100;

    /// <summary>Seconds a client has to send CONNECT after the TLS handshake.</summary>
    public int ConnectTimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// Multiplies every authorizer duration (disconnectAfter/refreshAfter) and keep-alive timeout; 1 = real time.
    /// Tests use e.g. 0.001 so a 300 s session lasts 0.3 s.
    /// </summary>
    public double TimeScale { get; set; } = 1.0;
}
