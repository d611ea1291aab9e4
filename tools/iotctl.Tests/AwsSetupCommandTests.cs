using YamlDotNet.RepresentationModel;

namespace AwsIotDevice.Iotctl.Tests;

/// <summary>'iotctl aws setup': the CloudFormation YAML parsed with YamlDotNet, and the CLI commands.</summary>
public class AwsSetupCommandTests
{
    private static readonly Lazy<string> PublicKey = new(() =>
    {
        string dir = Cli.TempDir();
        Assert.Equal(0, Cli.Run("keygen", "--out", dir).ExitCode);
        return Path.Combine(dir, "public.pem");
    });

    private static YamlMappingNode Template(params string[] extra)
    {
        string[] args = ["aws", "setup", "--name", "my-auth", "--public-key", PublicKey.Value, "--region", "eu-west-1", "--account", "123456789012", "--format", "cloudformation", .. extra];
        Cli.Result result = Cli.Run(args);
        Assert.True(result.ExitCode == 0, result.Err);
        var stream = new YamlStream();
        stream.Load(new StringReader(result.Out));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlMappingNode Map(YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node)[key];

    private static string Scalar(YamlNode node, string key) => ((YamlScalarNode)((YamlMappingNode)node)[key]).Value!;

    [Fact]
    public void Template_HasAuthorizerAndScopedLambdaPermission()
    {
        YamlMappingNode root = Template("--function-arn", "arn:aws:lambda:eu-west-1:123456789012:function:auth");
        Assert.Equal("2010-09-09", Scalar(root, "AWSTemplateFormatVersion"));
        YamlMappingNode resources = Map(root, "Resources");
        Assert.Equal(2, resources.Children.Count);

        YamlMappingNode authorizer = Map(resources, "TokenAuthorizer");
        Assert.Equal("AWS::IoT::Authorizer", Scalar(authorizer, "Type"));
        YamlMappingNode props = Map(authorizer, "Properties");
        Assert.Equal("my-auth", Scalar(props, "AuthorizerName"));
        Assert.Equal("arn:aws:lambda:eu-west-1:123456789012:function:auth", Scalar(props, "AuthorizerFunctionArn"));
        Assert.Equal("false", Scalar(props, "SigningDisabled"));
        Assert.Equal("ACTIVE", Scalar(props, "Status"));
        Assert.Equal("token", Scalar(props, "TokenKeyName"));
        string key = Scalar(Map(props, "TokenSigningPublicKeys"), "key1");
        Assert.Equal(File.ReadAllText(PublicKey.Value).Trim(), key.Trim());
        Assert.Equal(
            ["AuthorizerFunctionArn", "AuthorizerName", "SigningDisabled", "Status", "TokenKeyName", "TokenSigningPublicKeys"],
            props.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).Order());

        YamlMappingNode permission = Map(resources, "AuthorizerInvokePermission");
        Assert.Equal("AWS::Lambda::Permission", Scalar(permission, "Type"));
        YamlMappingNode permissionProps = Map(permission, "Properties");
        Assert.Equal("lambda:InvokeFunction", Scalar(permissionProps, "Action"));
        Assert.Equal("iot.amazonaws.com", Scalar(permissionProps, "Principal"));
        Assert.Equal("arn:aws:lambda:eu-west-1:123456789012:function:auth", Scalar(permissionProps, "FunctionName"));
        Assert.Equal("arn:aws:iot:eu-west-1:123456789012:authorizer/my-auth", Scalar(permissionProps, "SourceArn"));
        Assert.Equal("123456789012", Scalar(permissionProps, "SourceAccount"));

        string policy = Scalar(Map(root, "Metadata")["ReferenceAuthorizerPolicy"], "PolicyDocument");
        Assert.Contains("arn:aws:iot:eu-west-1:123456789012:client/${iot:ClientId}", policy);
        Assert.False(root.Children.ContainsKey("Parameters"));
    }

    [Fact]
    public void Template_WithoutFunctionArn_UsesAParameter()
    {
        YamlMappingNode root = Template();
        Assert.Equal("String", Scalar(Map(root, "Parameters")["AuthorizerFunctionArn"], "Type"));
        YamlMappingNode props = Map(Map(root, "Resources")["TokenAuthorizer"], "Properties");
        Assert.Equal("AuthorizerFunctionArn", Scalar(props["AuthorizerFunctionArn"], "Ref"));
    }

    [Fact]
    public void Template_WithDomain_HasCustomAuthDomainConfiguration()
    {
        YamlMappingNode root = Template("--domain", "iot.example.com");
        YamlMappingNode domain = Map(Map(root, "Resources"), "CustomAuthDomainConfiguration");
        Assert.Equal("AWS::IoT::DomainConfiguration", Scalar(domain, "Type"));
        YamlMappingNode props = Map(domain, "Properties");
        Assert.Equal("CUSTOM_AUTH", Scalar(props, "AuthenticationType"));
        Assert.Equal("SECURE_MQTT", Scalar(props, "ApplicationProtocol"));
        Assert.Equal("iot.example.com", Scalar(props, "DomainName"));
        Assert.Equal("DATA", Scalar(props, "ServiceType"));
        Assert.Equal("my-auth-domain", Scalar(props, "DomainConfigurationName"));
        YamlMappingNode config = Map(props, "AuthorizerConfig");
        Assert.Equal("my-auth", Scalar(config, "DefaultAuthorizerName"));
        Assert.Equal("false", Scalar(config, "AllowAuthorizerOverride"));
        var certificates = (YamlSequenceNode)props["ServerCertificateArns"];
        Assert.Equal("ServerCertificateArn", Scalar(certificates[0], "Ref"));
    }

    [Fact]
    public void CliCommands_CoverTheSameResources()
    {
        Cli.Result result = Cli.Run("aws", "setup", "--name", "my-auth", "--public-key", PublicKey.Value, "--region", "eu-west-1", "--account", "123456789012", "--domain", "iot.example.com", "--format", "cli");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("aws iot create-authorizer", result.Out);
        Assert.Contains("--no-signing-disabled", result.Out);
        Assert.Contains("--status ACTIVE", result.Out);
        Assert.Contains("--token-signing-public-keys '{\"key1\":\"-----BEGIN PUBLIC KEY-----\\n", result.Out);
        Assert.Contains("aws lambda add-permission", result.Out);
        Assert.Contains("--principal iot.amazonaws.com", result.Out);
        Assert.Contains("--source-arn 'arn:aws:iot:eu-west-1:123456789012:authorizer/my-auth'", result.Out);
        Assert.Contains("aws iot create-domain-configuration", result.Out);
        Assert.Contains("--authentication-type CUSTOM_AUTH", result.Out);
        Assert.Contains("--application-protocol SECURE_MQTT", result.Out);
        Assert.Contains("--authorizer-config '{\"defaultAuthorizerName\":\"my-auth\",\"allowAuthorizerOverride\":false}'", result.Out);
        Assert.DoesNotContain("AWSTemplateFormatVersion", result.Out);
    }

    [Fact]
    public void BothFormats_ByDefault_AndTwoKeys()
    {
        string dir = Cli.TempDir();
        Assert.Equal(0, Cli.Run("keygen", "--out", dir).ExitCode);
        Cli.Result result = Cli.Run("aws", "setup", "--name", "a", "--public-key", PublicKey.Value, "--public-key", Path.Combine(dir, "public.pem"), "--region", "eu-west-1", "--account", "123456789012");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("aws iot create-authorizer", result.Out);
        Assert.Contains("AWSTemplateFormatVersion", result.Out);
        Assert.Contains("key2: |", result.Out);
    }

    [Theory]
    [InlineData("bad name", "eu-west-1", "123456789012", "--name")]
    [InlineData("a", "EU", "123456789012", "region")]
    [InlineData("a", "eu-west-1", "1234", "account")]
    [InlineData("a", "*", "123456789012", "concrete")]
    public void BadOptions_AreOneLine(string name, string region, string account, string expected)
    {
        Cli.AssertOneLineError(Cli.Run("aws", "setup", "--name", name, "--public-key", PublicKey.Value, "--region", region, "--account", account), 2, expected);
    }

    [Fact]
    public void BadDomainOrFunctionArnOrFormat_AreOneLine()
    {
        string[] common = ["aws", "setup", "--name", "a", "--public-key", PublicKey.Value, "--region", "eu-west-1", "--account", "123456789012"];
        Cli.AssertOneLineError(Cli.Run([.. common, "--domain", "Bad_Domain"]), 2, "--domain");
        Cli.AssertOneLineError(Cli.Run([.. common, "--function-arn", "arn:aws:s3:::bucket"]), 2, "--function-arn");
        Cli.AssertOneLineError(Cli.Run([.. common, "--format", "xml"]), 2, "xml");
    }
}
