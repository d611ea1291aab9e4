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
        public const string Alpn = "use aws.mode=domain with a domain configuration (CUSTOM_AUTH + SECURE_MQTT)";

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
                    return "no CONNACK in time; check aws.mode matches the endpoint (alpn on the default endpoint, domain on a domain configuration)";
                case Fault.ConnectRefused:
                    return "the broker refused CONNECT; check aws.authorizer, aws.tokenKeyName, aws.token, aws.signature and mqtt.clientId";
                case Fault.ClosedAfterConnack:
                    return "closed right after CONNACK: AWS does this when the policy denies iot:Connect for this client id or iot:Publish on telemetry.topic";
                case Fault.ConnectionLost:
                    return "the session dropped; reconnecting";
                case Fault.PublishTimeout:
                    return "no PUBACK in time; the reading is kept and sent again";
                case Fault.PublishRejected:
                    return "the broker rejected the publish; check the policy allows iot:Publish on telemetry.topic";
                default:
                    return string.Empty;
            }
        }
    }
}
