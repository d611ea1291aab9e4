using System.Text;
using AwsIotDevice.CustomAuth.Policies;

namespace AwsIotDevice.Iotctl.Setup;

/// <summary>
/// The same setup as AWS CLI steps (bash): build the package, upload it, deploy the stack, look up the device
/// endpoint, test the authorizer with a real token. The region comes from <c>AWS_DEFAULT_REGION</c> (one line at the
/// top) rather than a flag on every command. Every <c>aws</c> command, flag and enum value printed here is checked in
/// iotctl.Tests against the AWS SDK's service models; every <c>iotctl</c> line against iotctl's own parser.
/// </summary>
public static class AwsCliSteps
{
    /// <summary>Where the printed steps expect the template: what '--format cloudformation' is saved as.</summary>
    public const string TemplateFile = "custom-auth.yaml";

    /// <summary>The steps as a bash script.</summary>
    public static string Text(AwsSetupRequest request)
    {
        string region = request.Scope.Region;
        string zip = "pkg/" + request.PackageFileName;
        string iotctl = "dotnet run --project tools/iotctl --";
        var t = new StringBuilder();
        t.AppendLine($"# AWS CLI steps for custom authorizer {request.AuthorizerName} (region {region}, account {request.Scope.Account}): one stack with");
        t.AppendLine("# the authorizer Lambda (reference authorizer, custom runtime provided.al2023), its role and log group, the authorizer,");
        t.AppendLine($"# the invoke permission{(request.Domain is null ? "" : " and the domain configuration")}. Set BUCKET to an S3 bucket name in {region} first.");
        t.AppendLine($"export AWS_DEFAULT_REGION={region}");
        t.AppendLine();
        t.AppendLine("# 1. Build the deployment zip (prints its path, size and SHA-256).");
        t.AppendLine($"{iotctl} aws package --out pkg --arch {request.Architecture}");
        t.AppendLine();
        t.AppendLine("# 2. Upload it (create the bucket first if you have none).");
        t.AppendLine(region == "us-east-1"
            ? "aws s3api create-bucket --bucket \"$BUCKET\""
            : $"aws s3api create-bucket --bucket \"$BUCKET\" --create-bucket-configuration LocationConstraint={region}");
        t.AppendLine($"aws s3api put-object --bucket \"$BUCKET\" --key {Shell(request.PackageFileName)} --body {Shell(zip)}");
        t.AppendLine();
        t.AppendLine($"# 3. Deploy the stack: save the template ('iotctl aws setup ... --format cloudformation > {TemplateFile}'), then:");
        var parameters = new StringBuilder($"ParameterKey={CloudFormationTemplate.BucketParameter},ParameterValue=\"$BUCKET\" ParameterKey={CloudFormationTemplate.KeyParameter},ParameterValue={Shell(request.PackageFileName)}");
        if (request.Domain is not null)
        {
            parameters.Append($" ParameterKey={CloudFormationTemplate.CertificateParameter},ParameterValue=" + (request.CertificateArn is null ? "\"$SERVER_CERTIFICATE_ARN\"" : Shell(request.CertificateArn)));
            if (request.CertificateArn is null)
            {
                t.AppendLine($"#    Set SERVER_CERTIFICATE_ARN to the ACM certificate of {request.Domain} (or pass --certificate-arn to iotctl).");
            }
        }

        t.AppendLine("aws cloudformation create-stack \\");
        t.AppendLine($"  --stack-name {Shell(request.StackName)} \\");
        t.AppendLine($"  --template-body file://{TemplateFile} \\");
        t.AppendLine("  --capabilities CAPABILITY_IAM \\");
        t.AppendLine($"  --parameters {parameters}");
        t.AppendLine($"aws cloudformation wait stack-create-complete --stack-name {Shell(request.StackName)}");
        t.AppendLine($"aws cloudformation describe-stacks --stack-name {Shell(request.StackName)}");
        t.AppendLine("#    Later changes (a new package: put-object again, then a new CodeS3Key or the same one): update-stack with the");
        t.AppendLine("#    same arguments, then 'aws cloudformation wait stack-update-complete'.");
        t.AppendLine();
        t.AppendLine("# 4. The device's aws.endpoint: for aws.mode=wss the account's iot:Data-ATS endpoint (CloudFormation cannot look it up)" + (request.Domain is null ? "." : $"; for aws.mode=domain, {request.Domain}."));
        t.AppendLine("aws iot describe-endpoint --endpoint-type iot:Data-ATS");
        t.AppendLine();
        t.AppendLine("# 5. Test the authorizer with a real token (signature checked by AWS, then the Lambda decides):");
        t.AppendLine($"eval \"$({iotctl} token --client-id device-01 --expires-in 30d --key keys/private.pem)\"");
        t.AppendLine($"aws iot test-invoke-authorizer --authorizer-name {Shell(request.AuthorizerName)} --token \"$token\" --token-signature \"$signature\" --mqtt-context clientId=device-01");
        t.AppendLine();
        t.AppendLine("# The authorizer grants each device exactly this policy (HTTPS publish: iot:Publish on the same topics only):");
        t.AppendLine("#   " + LeastPrivilegePolicy.Template(request.Scope));
        return t.ToString();
    }

    // Every value here is validated to contain no single quote, so single quoting is exact.
    private static string Shell(string value) => "'" + value + "'";
}
