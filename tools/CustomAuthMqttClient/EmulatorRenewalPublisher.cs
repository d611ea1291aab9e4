using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using AwsIotDevice.Core.Auth;
using AwsIotDevice.CustomAuth;
using AwsIotDevice.CustomAuth.Signing;
using AwsIotDevice.CustomAuth.Tokens;
using AwsIotDevice.Emulator.Config;
using MQTTnet;
using MQTTnet.Protocol;

namespace AwsIotDevice.CustomAuthMqttClient;

/// <summary>Where and as whom <see cref="EmulatorRenewalPublisher"/> publishes, read from an emulator.json.</summary>
public sealed record EmulatorBackend(CustomAuthEndpoint Endpoint, string AuthorizerName, string TokenKeyName, string BackendClientId, string TopicPrefix)
{
    /// <summary>
    /// Reads <paramref name="configPath"/>: the listener (127.0.0.1 and its first port, or <paramref name="port"/>), the
    /// endpoint's SNI and CA, the default authorizer and the first of its reference.backendClientIds (written by
    /// <c>emulator init</c>). Throws <see cref="CustomAuthException"/> saying what is missing.
    /// </summary>
    public static EmulatorBackend FromConfig(string configPath, int? port)
    {
        EmulatorConfig config;
        try
        {
            config = ConfigLoader.Parse(File.ReadAllText(configPath), configPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CustomAuthException($"--emulator {configPath}: cannot be read ({e.GetType().Name}); give the emulator.json 'iotctl emulator init' wrote");
        }
        catch (EmulatorConfigException e)
        {
            throw new CustomAuthException($"--emulator {e.Message}");
        }

        int chosen = port ?? (config.Listen.Ports.Count > 0 ? config.Listen.Ports[0] : 0);
        if (chosen is <= 0 or > 65535)
        {
            throw new CustomAuthException($"--emulator {configPath}: listens on an ephemeral port (0); pass --port with the port the running emulator printed");
        }

        string? name = config.Endpoint.DefaultAuthorizerName;
        AuthorizerConfig? authorizer = config.Authorizers.FirstOrDefault(a => a.Name == name);
        if (authorizer is null || authorizer.Kind != "reference")
        {
            throw new CustomAuthException($"--emulator {configPath}: the endpoint's default authorizer is not the built-in reference authorizer, which is what grants the backend principal");
        }

        if (authorizer.Reference.BackendClientIds.Count == 0)
        {
            throw new CustomAuthException($"--emulator {configPath}: authorizer '{authorizer.Name}' has no reference.backendClientIds; add one (e.g. \"iotctl-backend\") or re-create the config with 'iotctl emulator init'");
        }

        string directory = Path.GetDirectoryName(Path.GetFullPath(configPath))!;
        string caFile = Path.IsPathRooted(config.Tls.CaFile) ? config.Tls.CaFile : Path.Combine(directory, config.Tls.CaFile);
        string address = config.Listen.Address is "0.0.0.0" or "::" ? "127.0.0.1" : config.Listen.Address;
        X509Trust trust = X509Trust.Load(caFile);
        var endpoint = new CustomAuthEndpoint { ConnectHost = address, Port = chosen, ServerName = config.Endpoint.AtsHostName, Trust = trust.Certificates };
        return new EmulatorBackend(endpoint, authorizer.Name, authorizer.TokenKeyName ?? "token", authorizer.Reference.BackendClientIds[0], authorizer.Reference.TopicPrefix);
    }

    private sealed record X509Trust(System.Security.Cryptography.X509Certificates.X509Certificate2Collection Certificates)
    {
        public static X509Trust Load(string caFile)
        {
            try
            {
                return new X509Trust(CustomAuthMqttOptions.LoadTrust(caFile));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
            {
                throw new CustomAuthException($"--emulator: the CA file {caFile} cannot be loaded ({e.GetType().Name})");
            }
        }
    }
}

/// <summary>
/// Publishes a renewal to the local emulator as its backend principal: a short-lived v1 token for the backend client id,
/// signed with the authorizer's private key (the emulator's reference authorizer grants that id Publish on
/// <c>&lt;prefix&gt;/*/credentials</c> and the acknowledgements, nothing else), MQTT over TLS with SNI and ALPN
/// <c>mqtt</c>, QoS 1. Optionally waits for the device's acknowledgement. Every step is bounded.
/// </summary>
public static class EmulatorRenewalPublisher
{
    /// <summary>Lifetime of the backend's own connection token.</summary>
    public static readonly TimeSpan BackendTokenLifetime = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Publishes <paramref name="message"/> to <paramref name="topic"/>; with <paramref name="waitForAck"/> subscribes to
    /// <paramref name="ackTopic"/> first and returns the first acknowledgement (its JSON text), else null once published.
    /// Throws <see cref="CustomAuthException"/> with a one-line reason (refused, timed out).
    /// </summary>
    public static async Task<string?> PublishAsync(EmulatorBackend backend, RSA authorizerKey, string topic, string ackTopic, string message, TimeSpan? waitForAck, CancellationToken cancellationToken)
    {
        string token = AuthToken.Create(backend.BackendClientId, DateTimeOffset.UtcNow + BackendTokenLifetime).Encode();
        string signature = TokenSignature.Sign(authorizerKey, token);
        string username = AuthUsername.Build("iotctl", backend.AuthorizerName, signature, backend.TokenKeyName, token);
        MqttClientOptions options = CustomAuthMqttOptions.Create(backend.Endpoint, backend.BackendClientId, username, timeout: TimeSpan.FromSeconds(10));
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();
        var ack = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ApplicationMessageReceivedAsync += e =>
        {
            if (e.ApplicationMessage.Topic == ackTopic)
            {
                ack.TrySetResult(Encoding.UTF8.GetString(e.ApplicationMessage.Payload.ToArray()));
            }

            return Task.CompletedTask;
        };

        using var connectLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connectLimit.CancelAfter(TimeSpan.FromSeconds(15));
        try
        {
            MqttClientConnectResult connected = await client.ConnectAsync(options, connectLimit.Token);
            if (connected.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw new CustomAuthException($"--emulator: the emulator refused the backend connection ({connected.ResultCode}); see its log");
            }

            if (waitForAck is not null)
            {
                MqttClientSubscribeResult subscribed = await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(ackTopic, MqttQualityOfServiceLevel.AtLeastOnce).Build(), connectLimit.Token);
                if (subscribed.Items.Any(i => i.ResultCode != MqttClientSubscribeResultCode.GrantedQoS1 && i.ResultCode != MqttClientSubscribeResultCode.GrantedQoS0))
                {
                    throw new CustomAuthException($"--emulator: the emulator refused the subscription to {ackTopic}");
                }
            }

            MqttClientPublishResult published = await client.PublishAsync(
                new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(message).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(),
                connectLimit.Token);
            if (!published.IsSuccess)
            {
                throw new CustomAuthException($"--emulator: the publish to {topic} was not acknowledged ({published.ReasonCode})");
            }

            if (waitForAck is null)
            {
                await client.DisconnectAsync(cancellationToken: CancellationToken.None);
                return null;
            }

            try
            {
                string answer = await ack.Task.WaitAsync(waitForAck.Value, cancellationToken);
                await client.DisconnectAsync(cancellationToken: CancellationToken.None);
                return answer;
            }
            catch (TimeoutException)
            {
                throw new CustomAuthException($"--emulator: the renewal was delivered to {topic}, but no acknowledgement arrived on {ackTopic} within {waitForAck.Value.TotalSeconds:0} s (is the device connected and subscribed?)");
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CustomAuthException($"--emulator: no answer from {backend.Endpoint.ConnectHost}:{backend.Endpoint.Port} within 15 s (is the emulator running there?)");
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException e)
        {
            throw new CustomAuthException($"--emulator: cannot reach the emulator at {backend.Endpoint.ConnectHost}:{backend.Endpoint.Port} ({e.GetType().Name}); is it running (iotctl emulator run)?");
        }
    }
}
