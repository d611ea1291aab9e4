using YamlDotNet.RepresentationModel;

namespace AwsIotDevice.Iotctl.Tests;

/// <summary>'iotctl aws setup': the CloudFormation YAML parsed with YamlDotNet, and the CLI steps.</summary>
public class AwsSetupCommandTests
{
    internal static readonly Lazy<string> PublicKey = new(() =>
    {
        string dir = Cli.TempDir();
        Assert.Equal(0, Cli.Run("keygen", "--out", dir).ExitCode);
        return Path.Combine(dir, "public.pem");
    });

    internal static string[] Args(params string[] extra) =>
        ["aws", "setup", "--name", "my-auth", "--public-key", PublicKey.Value, "--region", "eu-west-1", "--account", "123456789012", .. extra];

    internal static YamlMappingNode Template(params string[] extra)
    {
        Cli.Result result = Cli.Run(Args(["--format", "cloudformation", .. extra]));
        Assert.True(result.ExitCode == 0, result.Err);
        var stream = new YamlStream();
        stream.Load(new StringReader(result.Out));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlMappingNode Map(YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node)[key];

    private static string Scalar(YamlNode node, string key) => ((YamlScalarNode)((YamlMappingNode)node)[key]).Value!;

    private static string GetAtt(YamlNode node, string key) =>
        string.Join(".", ((YamlSequenceNode)Map(node, key)["Fn::GetAtt"]).Children.Select(c => ((YamlScalarNode)c).Value));

    [Fact]
    public void Template_HasTheFunctionItsRoleTheAuthorizerAndTheScopedPermission()
    {
        YamlMappingNode root = Template();
        Assert.Equal("2010-09-09", Scalar(root, "AWSTemplateFormatVersion"));
        YamlMappingNode resources = Map(root, "Resources");
        Assert.Equal(
            ["AuthorizerFunction", "AuthorizerFunctionLogGroup", "AuthorizerFunctionRole", "AuthorizerInvokePermission", "TokenAuthorizer"],
            resources.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).Order());

        YamlMappingNode function = Map(Map(resources, "AuthorizerFunction"), "Properties");
        Assert.Equal("provided.al2023", Scalar(function, "Runtime"));
        Assert.Equal("bootstrap", Scalar(function, "Handler"));
        Assert.Equal("5", Scalar(function, "Timeout"));
        Assert.Equal("x86_64", ((YamlScalarNode)((YamlSequenceNode)function["Architectures"])[0]).Value);
        Assert.Equal("CodeS3Bucket", Scalar(Map(function, "Code")["S3Bucket"], "Ref"));
        Assert.Equal("CodeS3Key", Scalar(Map(function, "Code")["S3Key"], "Ref"));
        Assert.Equal("AuthorizerFunctionRole.Arn", GetAtt(function, "Role"));
        YamlMappingNode variables = Map(Map(function, "Environment"), "Variables");
        Assert.Equal("AWS::AccountId", Scalar(variables["AUTHORIZER_ACCOUNT_ID"], "Ref"));
        Assert.Equal("devices", Scalar(variables, "AUTHORIZER_TOPIC_PREFIX"));

        // The role can write its log group and nothing else.
        YamlMappingNode role = Map(Map(resources, "AuthorizerFunctionRole"), "Properties");
        var policies = (YamlSequenceNode)role["Policies"];
        var statement = (YamlMappingNode)((YamlSequenceNode)Map(policies[0], "PolicyDocument")["Statement"])[0];
        Assert.Equal(["logs:CreateLogStream", "logs:PutLogEvents"], ((YamlSequenceNode)statement["Action"]).Children.Select(a => ((YamlScalarNode)a).Value));
        Assert.Equal("AuthorizerFunctionLogGroup.Arn", GetAtt(statement, "Resource"));
        Assert.False(role.Children.ContainsKey("ManagedPolicyArns"));

        YamlMappingNode authorizer = Map(Map(resources, "TokenAuthorizer"), "Properties");
        Assert.Equal("my-auth", Scalar(authorizer, "AuthorizerName"));
        Assert.Equal("AuthorizerFunction.Arn", GetAtt(authorizer, "AuthorizerFunctionArn"));
        Assert.Equal("false", Scalar(authorizer, "SigningDisabled"));
        Assert.Equal("ACTIVE", Scalar(authorizer, "Status"));
        Assert.Equal("token", Scalar(authorizer, "TokenKeyName"));
        Assert.Equal(File.ReadAllText(PublicKey.Value).Trim(), Scalar(Map(authorizer, "TokenSigningPublicKeys"), "key1").Trim());

        YamlMappingNode permission = Map(Map(resources, "AuthorizerInvokePermission"), "Properties");
        Assert.Equal("lambda:InvokeFunction", Scalar(permission, "Action"));
        Assert.Equal("iot.amazonaws.com", Scalar(permission, "Principal"));
        Assert.Equal("AuthorizerFunction.Arn", GetAtt(permission, "FunctionName"));
        Assert.Equal("TokenAuthorizer.Arn", GetAtt(permission, "SourceArn"));
        Assert.Equal("AWS::AccountId", Scalar(permission["SourceAccount"], "Ref"));

        string policy = Scalar(Map(root, "Metadata")["ReferenceAuthorizerPolicy"], "PolicyDocument");
        Assert.Contains("arn:aws:iot:eu-west-1:123456789012:client/${iot:ClientId}", policy);

        YamlMappingNode outputs = Map(root, "Outputs");
        Assert.Equal("my-auth", Scalar(outputs["AuthorizerName"], "Value"));
        Assert.Equal("token", Scalar(outputs["TokenKeyName"], "Value"));
        Assert.Contains("describe-endpoint --endpoint-type iot:Data-ATS", Scalar(outputs["DeviceEndpointWss"], "Value"));
    }

    [Fact]
    public void Template_WithDomain_HasCustomAuthDomainConfiguration()
    {
        YamlMappingNode root = Template("--domain", "iot.example.com", "--certificate-arn", "arn:aws:acm:eu-west-1:123456789012:certificate/abc-123");
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
        Assert.Equal("arn:aws:acm:eu-west-1:123456789012:certificate/abc-123", Scalar(Map(root, "Parameters")["ServerCertificateArn"], "Default"));
        Assert.Equal("iot.example.com", Scalar(Map(root, "Outputs")["DeviceEndpointDomain"], "Value"));
    }

    [Fact]
    public void Template_Arm64_NamesTheArchitectureAndItsPackage()
    {
        YamlMappingNode root = Template("--arch", "arm64");
        YamlMappingNode function = Map(Map(Map(root, "Resources"), "AuthorizerFunction"), "Properties");
        Assert.Equal("arm64", ((YamlScalarNode)((YamlSequenceNode)function["Architectures"])[0]).Value);
        Assert.Equal("iot-authorizer-provided.al2023-arm64.zip", Scalar(Map(root, "Parameters")["CodeS3Key"], "Default"));
    }

    [Fact]
    public void CliSteps_PackageUploadDeployEndpointAndTest()
    {
        Cli.Result result = Cli.Run(Args("--domain", "iot.example.com", "--format", "cli"));
        Assert.Equal(0, result.ExitCode);
        string[] order = ["aws package --out pkg", "aws s3api put-object", "aws cloudformation create-stack", "aws cloudformation wait stack-create-complete", "aws iot describe-endpoint --endpoint-type iot:Data-ATS", "aws iot test-invoke-authorizer"];
        int at = -1;
        foreach (string step in order)
        {
            int next = result.Out.IndexOf(step, StringComparison.Ordinal);
            Assert.True(next > at, $"'{step}' missing or out of order");
            at = next;
        }

        Assert.Contains("--capabilities CAPABILITY_IAM", result.Out);
        Assert.Contains("--token \"$token\" --token-signature \"$signature\"", result.Out);
        Assert.Contains("ParameterKey=ServerCertificateArn,ParameterValue=\"$SERVER_CERTIFICATE_ARN\"", result.Out);
        Assert.Contains("export AWS_DEFAULT_REGION=eu-west-1", result.Out);
        Assert.DoesNotContain("AWSTemplateFormatVersion", result.Out);
    }

    [Fact]
    public void BothFormats_ByDefault_AndTwoKeys()
    {
        string dir = Cli.TempDir();
        Assert.Equal(0, Cli.Run("keygen", "--out", dir).ExitCode);
        Cli.Result result = Cli.Run("aws", "setup", "--name", "a", "--public-key", PublicKey.Value, "--public-key", Path.Combine(dir, "public.pem"), "--region", "eu-west-1", "--account", "123456789012");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("aws cloudformation create-stack", result.Out);
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
    public void BadDomainCertificateStackOrFormat_AreOneLine()
    {
        string[] common = ["aws", "setup", "--name", "a", "--public-key", PublicKey.Value, "--region", "eu-west-1", "--account", "123456789012"];
        Cli.AssertOneLineError(Cli.Run([.. common, "--domain", "Bad_Domain"]), 2, "--domain");
        Cli.AssertOneLineError(Cli.Run([.. common, "--certificate-arn", "arn:aws:acm:eu-west-1:123456789012:certificate/x"]), 2, "--domain");
        Cli.AssertOneLineError(Cli.Run([.. common, "--domain", "iot.example.com", "--certificate-arn", "arn:aws:s3:::bucket"]), 2, "--certificate-arn");
        Cli.AssertOneLineError(Cli.Run([.. common, "--stack-name", "1bad"]), 2, "--stack-name");
        Cli.AssertOneLineError(Cli.Run([.. common, "--format", "xml"]), 2, "xml");
    }
}
