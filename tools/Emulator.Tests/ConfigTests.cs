using AwsIotDevice.Emulator.Config;
using AwsIotDevice.Emulator.Tests.Support;

namespace AwsIotDevice.Emulator.Tests;

public class ConfigTests
{
    private static IReadOnlyList<string> Problems(Action<EmulatorConfig> change)
    {
        var c = TestConfigs.Default();
        change(c);
        return ConfigValidator.Validate(c);
    }

    [Fact]
    public void DefaultTestConfigIsValid() => Assert.Empty(ConfigValidator.Validate(TestConfigs.Default()));

    [Fact]
    public void FreshConfigIsValidOnceItHasNoAuthorizerReferences()
    {
        Assert.Empty(ConfigValidator.Validate(new EmulatorConfig()));
    }

    [Theory]
    [InlineData("listen.address")]
    [InlineData("endpoint.atsHostName")]
    [InlineData("aws.account")]
    [InlineData("aws.region")]
    [InlineData("limits.timeScale")]
    public void FieldIsNamed(string field)
    {
        var p = Problems(c =>
        {
            switch (field)
            {
                case "listen.address": c.Listen.Address = "localhost"; break;
                case "endpoint.atsHostName": c.Endpoint.AtsHostName = "bad host"; break;
                case "aws.account": c.Aws.Account = "12"; break;
                case "aws.region": c.Aws.Region = "US_EAST"; break;
                case "limits.timeScale": c.Limits.TimeScale = 0; break;
            }
        });
        Assert.Single(p);
        Assert.StartsWith(field + ":", p[0]);
    }

    [Fact]
    public void PortRangeChecked()
    {
        var p = Problems(c => c.Listen.Ports = [70000]);
        Assert.Contains(p, x => x.StartsWith("listen.ports[0]:"));
        Assert.Contains(Problems(c => c.Listen.Ports = []), x => x.StartsWith("listen.ports:"));
    }

    [Fact]
    public void X509OnlyPortsMustNotOverlap()
    {
        Assert.Contains(Problems(c => { c.Listen.Ports = [8443]; c.Listen.X509OnlyPorts = [8443]; }), x => x.StartsWith("listen.x509OnlyPorts[0]:"));
        Assert.Empty(Problems(c => { c.Listen.Ports = [8443]; c.Listen.X509OnlyPorts = [8883]; }));
    }

    [Fact]
    public void AuthorizerRules()
    {
        Assert.Contains(Problems(c => c.Authorizers[0].Name = "bad name!"), x => x.StartsWith("authorizers[0].name:"));
        Assert.Contains(Problems(c => c.Authorizers[1].Name = TestConfigs.Authorizer), x => x.Contains("defined twice"));
        Assert.Contains(Problems(c => c.Authorizers[0].Status = "ENABLED"), x => x.StartsWith("authorizers[0].status:"));
        Assert.Contains(Problems(c => c.Authorizers[0].TokenKeyName = "to ken"), x => x.StartsWith("authorizers[0].tokenKeyName:"));
        Assert.Contains(Problems(c => c.Authorizers[0].PublicKeyFiles = []), x => x.StartsWith("authorizers[0].publicKeyFiles:") && x.Contains("1 or 2"));
        Assert.Contains(Problems(c => c.Authorizers[0].PublicKeyFiles = ["a", "b", "c"]), x => x.StartsWith("authorizers[0].publicKeyFiles:"));
        Assert.Contains(Problems(c => c.Authorizers[0].Kind = "webhook"), x => x.StartsWith("authorizers[0].kind:"));
        Assert.Contains(Problems(c => c.Authorizers[0].Kind = "lambda"), x => x.StartsWith("authorizers[0].lambda.package:") && x.Contains("iotctl aws package"));
        Assert.Contains(Problems(c => { c.Authorizers[0].Kind = "lambda"; c.Authorizers[0].Lambda = new LambdaAuthorizerConfig { Package = "a.zip", TimeoutSeconds = 30 }; }), x => x.StartsWith("authorizers[0].lambda.timeoutSeconds:") && x.Contains("5 s"));
        Assert.Contains(Problems(c => { c.Authorizers[0].Kind = "lambda"; c.Authorizers[0].Lambda = new LambdaAuthorizerConfig { Package = "a.zip", Environment = { ["1BAD"] = "x" } }; }), x => x.StartsWith("authorizers[0].lambda.environment:"));
        Assert.Contains(Problems(c => c.Authorizers[2].Command = null), x => x.StartsWith("authorizers[2].command.path:"));
        Assert.Contains(Problems(c => c.Authorizers[0].Reference.RefreshAfterInSeconds = 60), x => x.Contains("300..86400"));
    }

    [Fact]
    public void DefaultAuthorizerMustExist()
    {
        var p = Problems(c => c.Endpoint.DefaultAuthorizerName = "Nope");
        Assert.Contains(p, x => x.StartsWith("endpoint.defaultAuthorizerName:") && x.Contains("names no authorizer"));
        Assert.Contains(Problems(c => c.DomainConfigurations[0].AuthorizerConfig.DefaultAuthorizerName = "Nope"),
            x => x.StartsWith("domainConfigurations[0].authorizerConfig.defaultAuthorizerName:"));
    }

    [Fact]
    public void DomainConfigurationRules()
    {
        Assert.Contains(Problems(c => c.DomainConfigurations[0].AuthenticationType = "MAGIC"), x => x.StartsWith("domainConfigurations[0].authenticationType:"));
        Assert.Contains(Problems(c => c.DomainConfigurations[0].ApplicationProtocol = "MQTT"), x => x.StartsWith("domainConfigurations[0].applicationProtocol:"));
        Assert.Contains(Problems(c => c.DomainConfigurations[0].DomainName = EmulatorTestPki.AtsHost), x => x.Contains("must be unique"));
    }

    [Fact]
    public void JsonRoundTripAndCamelCase()
    {
        var c = TestConfigs.Default();
        string json = ConfigLoader.ToJson(c);
        Assert.Contains("\"atsHostName\"", json);
        Assert.Contains("\"domainConfigurations\"", json);
        var back = ConfigLoader.Parse(json);
        Assert.Equal(c.Endpoint.AtsHostName, back.Endpoint.AtsHostName);
        Assert.Equal(c.Authorizers.Count, back.Authorizers.Count);
        Assert.Equal("SECURE_MQTT", back.DomainConfigurations[0].ApplicationProtocol);
    }

    [Fact]
    public void UnknownMemberIsAnErrorWithItsPath()
    {
        var e = Assert.Throws<EmulatorConfigException>(() => ConfigLoader.Parse("{\"listen\":{\"adress\":\"127.0.0.1\"}}", "x.json"));
        Assert.StartsWith("x.json: line 1", e.Message);
        Assert.Contains("adress", e.Message);
    }

    [Fact]
    public void BadJsonIsOneLine()
    {
        var e = Assert.Throws<EmulatorConfigException>(() => ConfigLoader.Parse("{\n\"listen\": ", "x.json"));
        Assert.StartsWith("x.json: line", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Fact]
    public void MissingFilesAreNamed()
    {
        string dir = Directory.CreateTempSubdirectory("emu-cfg").FullName;
        try
        {
            var c = TestConfigs.Default();
            c.Authorizers[0].PublicKeyFiles = ["missing.pem"];
            var e = Assert.Throws<EmulatorConfigException>(() => ConfigLoader.Load(c, dir));
            Assert.Contains(e.Problems, p => p.StartsWith("tls.certificateFile"));
            Assert.Contains(e.Problems, p => p.StartsWith("authorizers[0].publicKeyFiles[0]:") && p.Contains("not found"));
            var missing = Assert.Throws<EmulatorConfigException>(() => ConfigLoader.Load(Path.Combine(dir, "emulator.json")));
            Assert.Contains("emulator init", missing.Message);
        }
        finally { Directory.Delete(dir, true); }
    }
}
