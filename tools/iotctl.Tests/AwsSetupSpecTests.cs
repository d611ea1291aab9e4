using System.CommandLine;
using AwsIotDevice.Iotctl.Tests.Spec;
using YamlDotNet.RepresentationModel;

namespace AwsIotDevice.Iotctl.Tests;

/// <summary>
/// 'iotctl aws setup' against AWS's own specifications (installed by bash .ci/install): the template against the
/// CloudFormation resource specification and the SDK service models, the CLI steps against the service models (and
/// the iotctl lines against iotctl's parser). The checks are shown to reject what AWS would reject.
/// </summary>
public class AwsSetupSpecTests
{
    public static TheoryData<string[]> Variants() => new()
    {
        Array.Empty<string>(),
        new[] { "--domain", "iot.example.com" },
        new[] { "--domain", "iot.example.com", "--certificate-arn", "arn:aws:acm:eu-west-1:123456789012:certificate/abc-123", "--arch", "arm64", "--topic-prefix", "fleet/a" },
        new[] { "--token-key-name", "tok_1", "--stack-name", "iot-auth" },
    };

    private static YamlMappingNode Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Template_PassesTheCloudFormationSpecificationAndTheServiceModels(string[] extra)
    {
        Assert.True(CloudFormationSpec.Current.ResourceCount > 1000, "the CloudFormation specification did not load");
        IReadOnlyList<string> problems = CloudFormationTemplateCheck.Problems(AwsSetupCommandTests.Template(extra));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Template_InUsEast1_AndWithTwoKeys_Passes()
    {
        Cli.Result result = Cli.Run("aws", "setup", "--name", "a=b,c@d", "--public-key", AwsSetupCommandTests.PublicKey.Value, "--public-key", AwsSetupCommandTests.PublicKey.Value,
            "--region", "us-east-1", "--account", "123456789012", "--format", "cloudformation");
        Assert.Equal(0, result.ExitCode);
        Assert.Empty(CloudFormationTemplateCheck.Problems(Parse(result.Out)));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void CliSteps_PassTheServiceModels(string[] extra)
    {
        foreach (string region in new[] { "eu-west-1", "us-east-1" })
        {
            string[] args = AwsSetupCommandTests.Args([.. extra, "--format", "cli"]);
            args[Array.IndexOf(args, "--region") + 1] = region;
            Cli.Result result = Cli.Run(args);
            Assert.True(result.ExitCode == 0, result.Err);
            IReadOnlyList<string> problems = AwsCliCheck.Problems(result.Out, out int count);
            Assert.True(problems.Count == 0, string.Join("\n", problems));
            Assert.True(count >= 7, $"only {count} aws commands were checked");
            AssertIotctlLinesParse(result.Out);
        }
    }

    // The steps also run iotctl itself: those lines must parse with iotctl's own command tree.
    private static void AssertIotctlLinesParse(string script)
    {
        int found = 0;
        foreach (string line in script.Split('\n').Where(l => !l.TrimStart().StartsWith('#')))
        {
            const string prefix = "dotnet run --project tools/iotctl -- ";
            int at = line.IndexOf(prefix, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            string rest = line[(at + prefix.Length)..];
            int end = rest.IndexOf(')');
            string[] args = ShellWords.Split(end < 0 ? rest : rest[..end]).Select(w => w.Text).ToArray();
            ParseResult parsed = IotctlApp.CreateRootCommand().Parse(args);
            Assert.True(parsed.Errors.Count == 0, $"iotctl {string.Join(' ', args)}: {string.Join("; ", parsed.Errors.Select(e => e.Message))}");
            found++;
        }

        Assert.True(found >= 2, "the steps should run 'iotctl aws package' and 'iotctl token'");
    }

    [Theory]
    [InlineData("Runtime: provided.al2023", "Runtime: provided.al2024", "is not a value of Runtime")]
    [InlineData("Handler: bootstrap", "Handlr: bootstrap", "has no property Handlr")]
    [InlineData("      Status: ACTIVE", "      Status: ON", "is not one of the allowed values")]
    [InlineData("        Fn::GetAtt: [TokenAuthorizer, Arn]", "        Fn::GetAtt: [TokenAuthorizer, AuthorizerArn]", "has no attribute 'AuthorizerArn'")]
    [InlineData("      Timeout: 5", "      Timeout: five", "is not an integer")]
    [InlineData("                  - logs:PutLogEvents", "                  - logs:PutLogEvent", "'logs:PutLogEvent' is neither an operation")]
    [InlineData("          Ref: CodeS3Key", "          Ref: CodeKey", "Ref 'CodeKey' is not a parameter")]
    [InlineData("    Type: AWS::IoT::Authorizer", "    Type: AWS::IoT::CustomAuthorizer", "is not a CloudFormation resource type")]
    [InlineData("        - x86_64", "        - amd64", "is not a value of Architecture")]
    [InlineData("      Action: lambda:InvokeFunction", "      Action: lambda:InvokeFunctions", "is neither an operation")]
    public void TemplateCheck_RejectsWhatAwsWouldReject(string good, string bad, string expected)
    {
        string yaml = Cli.Run(AwsSetupCommandTests.Args("--format", "cloudformation")).Out;
        Assert.Contains(good, yaml);
        IReadOnlyList<string> problems = CloudFormationTemplateCheck.Problems(Parse(yaml.Replace(good, bad, StringComparison.Ordinal)));
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void TemplateCheck_RejectsAMissingRequiredProperty()
    {
        string yaml = Cli.Run(AwsSetupCommandTests.Args("--format", "cloudformation")).Out;
        string without = string.Join('\n', yaml.Split('\n').Where(l => !l.StartsWith("      Principal: iot.amazonaws.com", StringComparison.Ordinal)));
        Assert.Contains(CloudFormationTemplateCheck.Problems(Parse(without)), p => p.Contains("required property Principal", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("aws iot describe-endpoint --endpoint-type iot:Data-ATS", "aws iot describe-endpoint --endpoint-type iot:Data-ATSX", "does not appear in AWS's documentation")]
    [InlineData("aws iot describe-endpoint --endpoint-type iot:Data-ATS", "aws iot describe-endpoints --endpoint-type iot:Data-ATS", "no operation whose CLI name is 'describe-endpoints'")]
    [InlineData("--capabilities CAPABILITY_IAM", "--capabilities CAPABILITY_ADMIN", "is not a value of Capability")]
    [InlineData("--template-body file://", "--template-file file://", "has no input member for --template-file")]
    [InlineData("wait stack-create-complete", "wait stack-created", "has no waiter 'stack-created'")]
    [InlineData("--mqtt-context clientId=device-01", "--mqtt-context clientID=device-01", "'clientID' is not a member of MqttContext")]
    [InlineData("LocationConstraint=eu-west-1", "LocationConstraint=eu-west-9", "is not a value of BucketLocationConstraint")]
    [InlineData("aws s3api put-object --bucket \"$BUCKET\" --key", "aws s3api put-object --key", "requires --bucket")]
    public void CliCheck_RejectsWhatTheCliWouldReject(string good, string bad, string expected)
    {
        string script = Cli.Run(AwsSetupCommandTests.Args("--format", "cli")).Out;
        Assert.Contains(good, script);
        IReadOnlyList<string> problems = AwsCliCheck.Problems(script.Replace(good, bad, StringComparison.Ordinal), out _);
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("CreateAuthorizer", "create-authorizer")]
    [InlineData("tokenSigningPublicKeys", "token-signing-public-keys")]
    [InlineData("StackCreateComplete", "stack-create-complete")]
    [InlineData("ListCACertificates", "list-ca-certificates")]
    [InlineData("serverCertificateArns", "server-certificate-arns")]
    [InlineData("DescribeDBInstances", "describe-db-instances")]
    public void CliNames_FollowBotocore(string name, string cli) => Assert.Equal(cli, CliNames.Kebab(name));
}
