using AwsIotDevice.Emulator.Auth;
using AwsIotDevice.Emulator.Config;

namespace AwsIotDevice.Emulator.Tls;

/// <summary>What the front door does with a TLS connection.</summary>
public enum RouteKind
{
    /// <summary>MQTT with custom authentication.</summary>
    CustomAuthMqtt,
    /// <summary>HTTPS semantics (no ALPN, or http/1.1, on the default endpoint; MQTT_WSS/HTTPS domains): WebSocket upgrade or HTTPS publish; an MQTT CONNECT here fails.</summary>
    Https,
    /// <summary>Refused: the reason says why.</summary>
    Refuse,
}

/// <summary>The routing decision for one connection.</summary>
public sealed record FrontDoorRoute(RouteKind Kind, string Rule, string? Hint, EndpointAuthSettings? Endpoint);

/// <summary>
/// AWS's SNI/ALPN rules for port 443 (every emulator port behaves like 443):
/// no or unknown SNI: refused; default endpoint (ATS host or localhost): ALPN <c>mqtt</c> = custom-auth MQTT,
/// <c>x-amzn-mqtt-ca</c> = X.509 (not emulated: refused), none or http/1.1 = HTTPS;
/// a domain configuration with CUSTOM_AUTH + SECURE_MQTT = custom-auth MQTT whatever the ALPN; MQTT_WSS and HTTPS
/// domains = the HTTPS route (WebSockets / publish); X.509 and SigV4 domains are refused (not emulated);
/// DEFAULT protocol falls back to the ALPN rules.
/// </summary>
public static class FrontDoorRules
{
    /// <summary>ALPN for MQTT over TLS on 443.</summary>
    public const string AlpnMqtt = "mqtt";
    /// <summary>ALPN for MQTT with X.509 client certificates on 443.</summary>
    public const string AlpnMqttCa = "x-amzn-mqtt-ca";
    /// <summary>ALPN for HTTPS.</summary>
    public const string AlpnHttp11 = "http/1.1";

    /// <summary>The route on an 8883-like port: always refused, since AWS's 8883 takes only X.509 client certificates.</summary>
    public static FrontDoorRoute X509OnlyPort(int port) =>
        Refused($"port {port} emulates AWS's port 8883, which accepts only X.509 client-certificate authentication; custom authentication is impossible there",
            "connect to the 443-like port with ALPN 'mqtt' (or via a CUSTOM_AUTH + SECURE_MQTT domain configuration)");

    /// <summary>Whether <paramref name="sni"/> names a host the emulator serves.</summary>
    public static bool IsKnownHost(EmulatorConfig config, string? sni) =>
        !string.IsNullOrEmpty(sni) && (IsDefaultHost(config, sni) || FindDomain(config, sni) is not null);

    /// <summary>Decides the route from SNI (null = none sent) and negotiated ALPN ("" = none).</summary>
    public static FrontDoorRoute Decide(EmulatorConfig config, string? sni, string alpn)
    {
        if (string.IsNullOrEmpty(sni))
            return Refused("no SNI: AWS IoT Core refuses TLS connections without SNI", $"set the TLS server name (SNI) to the endpoint host, e.g. {config.Endpoint.AtsHostName}");

        var domain = FindDomain(config, sni);
        if (domain is not null) return DecideDomain(domain, alpn);
        if (System.Net.IPAddress.TryParse(sni, out _))
            return Refused($"SNI is an IP address ({Safe(sni)}), which names no endpoint (RFC 6066 forbids IP addresses in SNI)",
                $"connect by host name so the client sends it as SNI: {string.Join(", ", KnownHosts(config))} (map it to 127.0.0.1 in /etc/hosts if needed)");
        if (!IsDefaultHost(config, sni))
            return Refused($"unknown SNI '{Safe(sni)}': it is neither the ATS endpoint nor a domain configuration",
                $"use one of: {string.Join(", ", KnownHosts(config))}");

        var ep = new EndpointAuthSettings("default endpoint " + config.Endpoint.AtsHostName, config.Endpoint.DefaultAuthorizerName, config.Endpoint.AllowAuthorizerOverride);
        return ByAlpn(alpn, ep, "default endpoint");
    }

    private static FrontDoorRoute DecideDomain(DomainConfigurationConfig d, string alpn)
    {
        var ep = new EndpointAuthSettings($"domain configuration '{d.Name}' ({d.DomainName})", d.AuthorizerConfig.DefaultAuthorizerName, d.AuthorizerConfig.AllowAuthorizerOverride);
        string where = $"domain configuration '{d.Name}'";
        switch (d.AuthenticationType)
        {
            case "AWS_X509":
            case "CUSTOM_AUTH_X509":
                return Refused($"{where} uses authenticationType {d.AuthenticationType} (X.509 client certificates), which this emulator does not implement",
                    "use a domain configuration with authenticationType CUSTOM_AUTH");
            case "AWS_SIGV4":
                return Refused($"{where} uses authenticationType AWS_SIGV4 (SigV4 over WebSockets), which this emulator does not implement",
                    "use a domain configuration with authenticationType CUSTOM_AUTH");
        }
        switch (d.ApplicationProtocol)
        {
            case "SECURE_MQTT":
                if (d.AuthenticationType == "CUSTOM_AUTH")
                    return new FrontDoorRoute(RouteKind.CustomAuthMqtt, $"{where}: CUSTOM_AUTH + SECURE_MQTT selects custom-auth MQTT by SNI (ALPN '{alpn}' not needed)", null, ep);
                return ByAlpn(alpn, ep, where);
            case "MQTT_WSS":
                return new FrontDoorRoute(RouteKind.Https, $"{where} uses applicationProtocol MQTT_WSS (MQTT over WebSockets at /mqtt)", "connect to wss://<domain>/mqtt with subprotocol 'mqtt'", ep);
            case "HTTPS":
                return new FrontDoorRoute(RouteKind.Https, $"{where} uses applicationProtocol HTTPS", "use applicationProtocol SECURE_MQTT for MQTT", ep);
            default:
                return ByAlpn(alpn, ep, where);
        }
    }

    private static FrontDoorRoute ByAlpn(string alpn, EndpointAuthSettings ep, string where) => alpn switch
    {
        AlpnMqtt => new FrontDoorRoute(RouteKind.CustomAuthMqtt, $"{where}: ALPN mqtt selects MQTT with custom authentication", null, ep),
        AlpnMqttCa => Refused($"{where}: ALPN x-amzn-mqtt-ca selects MQTT with X.509 client certificates, which this emulator does not implement (custom auth is impossible there)",
            "offer ALPN 'mqtt' for custom authentication"),
        "" => new FrontDoorRoute(RouteKind.Https, $"no ALPN: AWS treats this as HTTPS on {where}", "offer ALPN 'mqtt' (or use a CUSTOM_AUTH + SECURE_MQTT domain configuration if the client cannot send ALPN)", ep),
        _ => new FrontDoorRoute(RouteKind.Https, $"ALPN '{alpn}' on {where}: AWS treats this as HTTPS", "offer ALPN 'mqtt' for MQTT with custom authentication", ep),
    };

    private static FrontDoorRoute Refused(string rule, string hint) => new(RouteKind.Refuse, rule, hint, null);

    private static bool IsDefaultHost(EmulatorConfig config, string sni) =>
        string.Equals(sni, config.Endpoint.AtsHostName, StringComparison.OrdinalIgnoreCase)
        || (config.Endpoint.AcceptLocalhost && string.Equals(sni, "localhost", StringComparison.OrdinalIgnoreCase));

    private static DomainConfigurationConfig? FindDomain(EmulatorConfig config, string sni) =>
        config.DomainConfigurations.FirstOrDefault(d => string.Equals(d.DomainName, sni, StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<string> KnownHosts(EmulatorConfig config)
    {
        yield return config.Endpoint.AtsHostName;
        if (config.Endpoint.AcceptLocalhost) yield return "localhost";
        foreach (var d in config.DomainConfigurations) yield return d.DomainName;
    }

    private static string Safe(string s) => AwsIotDevice.CustomAuth.LogText.Quote(s, 253).Trim('\'');
}
