using AwsIotDevice.Emulator.Config;
using AwsIotDevice.Emulator.Tests.Support;
using AwsIotDevice.Emulator.Tls;

namespace AwsIotDevice.Emulator.Tests;

public class FrontDoorRulesTests
{
    private static EmulatorConfig Config()
    {
        var c = TestConfigs.Default();
        c.DomainConfigurations.Add(new DomainConfigurationConfig { Name = "dflt", DomainName = EmulatorTestPki.DefaultDomainHost, AuthenticationType = "DEFAULT", ApplicationProtocol = "DEFAULT" });
        c.DomainConfigurations.Add(new DomainConfigurationConfig { Name = "x509", DomainName = "x509.example.test", AuthenticationType = "AWS_X509", ApplicationProtocol = "SECURE_MQTT" });
        c.DomainConfigurations.Add(new DomainConfigurationConfig { Name = "wss", DomainName = "wss.example.test", AuthenticationType = "CUSTOM_AUTH", ApplicationProtocol = "MQTT_WSS" });
        return c;
    }

    [Theory]
    [InlineData(EmulatorTestPki.AtsHost, "mqtt", RouteKind.CustomAuthMqtt)]
    [InlineData("ABC123-ATS.iot.us-east-1.amazonaws.com", "mqtt", RouteKind.CustomAuthMqtt)]
    [InlineData("localhost", "mqtt", RouteKind.CustomAuthMqtt)]
    [InlineData(EmulatorTestPki.AtsHost, "", RouteKind.Https)]
    [InlineData(EmulatorTestPki.AtsHost, "http/1.1", RouteKind.Https)]
    [InlineData(EmulatorTestPki.AtsHost, "x-amzn-mqtt-ca", RouteKind.Refuse)]
    [InlineData(null, "mqtt", RouteKind.Refuse)]
    [InlineData("", "mqtt", RouteKind.Refuse)]
    [InlineData("other.example.com", "mqtt", RouteKind.Refuse)]
    [InlineData(EmulatorTestPki.DomainHost, "", RouteKind.CustomAuthMqtt)]
    [InlineData(EmulatorTestPki.DomainHost, "mqtt", RouteKind.CustomAuthMqtt)]
    [InlineData(EmulatorTestPki.DefaultDomainHost, "mqtt", RouteKind.CustomAuthMqtt)]
    [InlineData(EmulatorTestPki.DefaultDomainHost, "", RouteKind.Https)]
    [InlineData("x509.example.test", "mqtt", RouteKind.Refuse)]
    [InlineData("wss.example.test", "", RouteKind.Https)]
    public void Routes(string? sni, string alpn, RouteKind expected)
    {
        Assert.Equal(expected, FrontDoorRules.Decide(Config(), sni, alpn).Kind);
    }

    [Fact]
    public void NoAlpnSaysHttps()
    {
        var r = FrontDoorRules.Decide(Config(), EmulatorTestPki.AtsHost, "");
        Assert.Contains("no ALPN: AWS treats this as HTTPS", r.Rule);
        Assert.Contains("mqtt", r.Hint);
    }

    [Fact]
    public void LocalhostCanBeSwitchedOff()
    {
        var c = Config();
        c.Endpoint.AcceptLocalhost = false;
        Assert.Equal(RouteKind.Refuse, FrontDoorRules.Decide(c, "localhost", "mqtt").Kind);
    }

    [Fact]
    public void DomainCarriesItsAuthorizerConfig()
    {
        var r = FrontDoorRules.Decide(Config(), EmulatorTestPki.DomainHost, "");
        Assert.False(r.Endpoint!.AllowAuthorizerOverride);
        Assert.Equal(TestConfigs.Authorizer, r.Endpoint.DefaultAuthorizerName);
        var d = FrontDoorRules.Decide(Config(), EmulatorTestPki.AtsHost, "mqtt");
        Assert.True(d.Endpoint!.AllowAuthorizerOverride);
    }

    [Fact]
    public void IpAddressSniIsExplained()
    {
        var r = FrontDoorRules.Decide(Config(), "127.0.0.1", "mqtt");
        Assert.Equal(RouteKind.Refuse, r.Kind);
        Assert.Contains("IP address", r.Rule);
    }

    [Fact]
    public void LogLinesAreOneLineAndReadable()
    {
        string line = AwsIotDevice.Emulator.Logging.JsonLineFormatter.Format(new AwsIotDevice.Emulator.Logging.LogEntry { Event = "REFUSED", ClientId = "evil\n{\"event\":\"CONNECT_OK\"}", Rule = "unencoded '+' in signature" });
        Assert.DoesNotContain("\n{", line);
        Assert.Contains("unencoded '+' in signature", line);
        using var doc = System.Text.Json.JsonDocument.Parse(line);
        Assert.Equal("REFUSED", doc.RootElement.GetProperty("event").GetString());
    }

    [Fact]
    public void UnknownSniListsKnownHosts()
    {
        var r = FrontDoorRules.Decide(Config(), "typo.example.com", "mqtt");
        Assert.Contains("unknown SNI", r.Rule);
        Assert.Contains(EmulatorTestPki.AtsHost, r.Hint);
    }
}
