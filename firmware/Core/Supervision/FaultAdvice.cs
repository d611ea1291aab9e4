using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.Core.Supervision
{
    /// <summary>
    /// What a user at the bench should check for each fault: one short, secret-free sentence, so the log says
    /// what to do and not only what went wrong.
    /// </summary>
    public static class FaultAdvice
    {
        /// <summary>The advice logged once when the runtime cannot send ALPN (see DESIGN.md "Transports").</summary>
        public const string Alpn = "use aws.mode=wss (MQTT over WebSockets to the default endpoint, no ALPN, no domain needed) or aws.mode=domain with a domain configuration (CUSTOM_AUTH + SECURE_MQTT)";

        /// <summary>Returns the advice for <paramref name="fault"/> ("" when there is nothing useful to add).</summary>
        public static string For(Fault fault)
        {
            switch (fault)
            {
                case Fault.NotProvisioned:
                    return "provision the device over the serial line (SET ..., COMMIT)";
                case Fault.NetworkDown:
                    return "check wifi.ssid, signal and the access point";
                case Fault.WifiAuthFailed:
                    return "check wifi.password";
                case Fault.TimeNotSet:
                    return "SNTP has not set the clock yet; check internet access (UDP 123)";
                case Fault.DnsFailure:
                    return "check aws.endpoint and the network's DNS";
                case Fault.TcpFailure:
                    return "check aws.port and that the network allows outbound TLS";
                case Fault.TlsFailure:
                    return "check the clock, the root CAs and that aws.endpoint is the ATS or domain-configuration name";
                case Fault.AlpnUnavailable:
                    return Alpn;
                case Fault.ConnectTimeout:
                    return "no answer in time; check aws.mode matches the endpoint (wss or alpn on the default endpoint, domain on a domain configuration) and aws.port";
                case Fault.ConnectRefused:
                    return "the broker refused CONNECT; check aws.authorizer, aws.tokenKeyName, aws.token, aws.signature and mqtt.clientId";
                case Fault.ClosedAfterConnack:
                    return "closed right after CONNACK: AWS does this when the policy denies iot:Connect for this client id or iot:Publish on telemetry.topic";
                case Fault.ConnectionLost:
                    return "the session dropped; reconnecting";
                case Fault.PublishTimeout:
                    return "no PUBACK in time; the reading is kept and sent again";
                case Fault.PublishRejected:
                    return "the publish was refused; check telemetry.topic and that the policy allows iot:Publish on it";
                case Fault.RefusedProtocolVersion:
                    return "the server does not speak MQTT 3.1.1; check aws.endpoint is an AWS IoT data endpoint";
                case Fault.RefusedIdentifier:
                    return "the broker refused the client id; check mqtt.clientId (at most 128 bytes, no leading $)";
                case Fault.RefusedServerUnavailable:
                    return "the MQTT service is unavailable; it will be retried with backoff";
                case Fault.RefusedBadCredentials:
                    return "the broker refused the credentials; check aws.authorizer, aws.tokenKeyName, aws.token, aws.signature and mqtt.username/mqtt.password";
                case Fault.RefusedNotAuthorized:
                    return "not authorized; check the authorizer accepts this token and its policy allows iot:Connect for mqtt.clientId";
                case Fault.KeepAliveTimeout:
                    return "the broker stopped answering keep-alive pings; the network or the broker is gone, reconnecting";
                case Fault.ProtocolError:
                    return "the peer broke the MQTT or WebSocket protocol; check aws.endpoint and aws.mode point at AWS IoT Core";
                case Fault.PacketTooLarge:
                    return "a packet did not fit the device's buffers; a larger send buffer is used after reconnecting, inbound packets must stay small";
                case Fault.InflightWindowFull:
                    return "too many QoS 1 publishes await PUBACK; the broker is not acknowledging";
                case Fault.SubscribeRefused:
                    return "the broker refused the subscription; check the policy allows iot:Subscribe on the filter";
                case Fault.SubscribeTimeout:
                    return "no SUBACK in time; check the policy allows iot:Subscribe on the filter";
                case Fault.UpgradeRefused:
                    return "the server refused the WebSocket upgrade (401/403: the authorizer refused the credentials; check aws.authorizer, aws.tokenKeyName, aws.token, aws.signature, aws.wssCredentials)";
                case Fault.UpgradeFailed:
                    return "the WebSocket upgrade did not complete; check aws.endpoint is the -ats data endpoint and aws.mode=wss is what it serves on aws.port";
                case Fault.Timeout:
                    return "a network call did not finish within its bound; check the access point and aws.endpoint are reachable from where the board is";
                case Fault.TokenExpired:
                    return "the token has expired; sign a new one (iotctl token sign) and provision it, or send a renewal (iotctl credentials renew)";
                default:
                    return string.Empty;
            }
        }
    }
}
