using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AwsIotDevice.CustomAuth.Policies;

namespace AwsIotDevice.Iotctl.Setup;

/// <summary>
/// Writes the AWS side of the custom authorizer as AWS CLI commands and as a CloudFormation template.
/// Property and option names were checked against the AWS documentation (not guessed), 2026-11-21:
/// <list type="bullet">
/// <item>CloudFormation AWS::IoT::Authorizer (AuthorizerFunctionArn, AuthorizerName, SigningDisabled, Status,
/// TokenKeyName, TokenSigningPublicKeys) - docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iot-authorizer.html</item>
/// <item>CloudFormation AWS::Lambda::Permission (Action, FunctionName, Principal, SourceArn, SourceAccount) -
/// docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-permission.html</item>
/// <item>CloudFormation AWS::IoT::DomainConfiguration (ApplicationProtocol, AuthenticationType, AuthorizerConfig
/// {AllowAuthorizerOverride, DefaultAuthorizerName}, DomainConfigurationName, DomainConfigurationStatus ENABLED|DISABLED,
/// DomainName, ServerCertificateArns, ServiceType DATA) - aws-resource-iot-domainconfiguration.html and
/// aws-properties-iot-domainconfiguration-authorizerconfig.html</item>
/// <item>AWS CLI: iot create-authorizer (--authorizer-name, --authorizer-function-arn, --token-key-name,
/// --token-signing-public-keys, --status, --signing-disabled | --no-signing-disabled), lambda add-permission
/// (--function-name, --principal, --action, --statement-id, --source-arn; IoT guide custom-auth-authorize.html),
/// iot create-domain-configuration (--domain-configuration-name, --domain-name, --server-certificate-arns,
/// --service-type, --authentication-type, --application-protocol, --authorizer-config), iot test-invoke-authorizer
/// (--authorizer-name, --token, --token-signature) - docs.aws.amazon.com/cli/latest/reference/iot/</item>
/// </list>
/// The authorizer ARN is written out (<c>arn:aws:iot:REGION:ACCOUNT:authorizer/NAME</c>) rather than taken from
/// Fn::GetAtt, whose attribute name for this resource was not confirmed.
/// </summary>
public static class AwsSetupGenerator
{
    private const string FunctionArnParameter = "AuthorizerFunctionArn";
    private const string ServerCertificateParameter = "ServerCertificateArn";

    /// <summary>The AWS CLI commands (bash syntax) that create the same resources as the template.</summary>
    public static string CliCommands(AwsSetupRequest request)
    {
        string region = request.Scope.Region;
        string functionArn = request.FunctionArn is null ? "\"$AUTHORIZER_FUNCTION_ARN\"" : Shell(request.FunctionArn);
        var keys = new StringBuilder("{");
        for (int i = 0; i < request.PublicKeyPems.Count; i++)
        {
            keys.Append(i == 0 ? "" : ",").Append(Json($"key{i + 1}")).Append(':').Append(Json(request.PublicKeyPems[i].TrimEnd()));
        }

        keys.Append('}');
        var text = new StringBuilder();
        text.AppendLine($"# AWS CLI commands for custom authorizer {request.AuthorizerName} (region {region}, account {request.Scope.Account}).");
        if (request.FunctionArn is null)
        {
            text.AppendLine("# Set AUTHORIZER_FUNCTION_ARN to your authorizer Lambda's ARN first (or pass --function-arn to iotctl).");
        }

        text.AppendLine("# 1. The authorizer; signing stays enabled, so AWS rejects unsigned or forged tokens before invoking the Lambda.");
        text.AppendLine("aws iot create-authorizer \\");
        text.AppendLine($"  --region {region} \\");
        text.AppendLine($"  --authorizer-name {Shell(request.AuthorizerName)} \\");
        text.AppendLine($"  --authorizer-function-arn {functionArn} \\");
        text.AppendLine($"  --token-key-name {Shell(request.TokenKeyName)} \\");
        text.AppendLine($"  --token-signing-public-keys {Shell(keys.ToString())} \\");
        text.AppendLine("  --status ACTIVE \\");
        text.AppendLine("  --no-signing-disabled");
        text.AppendLine();
        text.AppendLine("# 2. Let AWS IoT invoke the Lambda, for this authorizer only.");
        text.AppendLine("aws lambda add-permission \\");
        text.AppendLine($"  --region {region} \\");
        text.AppendLine($"  --function-name {functionArn} \\");
        text.AppendLine("  --principal iot.amazonaws.com \\");
        text.AppendLine("  --action lambda:InvokeFunction \\");
        text.AppendLine($"  --statement-id {Shell(request.SafeName + "-iot-invoke")} \\");
        text.AppendLine($"  --source-arn {Shell(request.AuthorizerArn)}");
        if (request.Domain is not null)
        {
            string config = Json("defaultAuthorizerName") + ":" + Json(request.AuthorizerName) + "," + Json("allowAuthorizerOverride") + ":false";
            text.AppendLine();
            text.AppendLine($"# 3. A domain configuration that selects this authorizer by SNI ({request.Domain}), so devices need no ALPN.");
            text.AppendLine("#    Set SERVER_CERTIFICATE_ARN to the ACM certificate for the domain first.");
            text.AppendLine("aws iot create-domain-configuration \\");
            text.AppendLine($"  --region {region} \\");
            text.AppendLine($"  --domain-configuration-name {Shell(request.DomainConfigurationName)} \\");
            text.AppendLine($"  --domain-name {Shell(request.Domain)} \\");
            text.AppendLine("  --server-certificate-arns \"$SERVER_CERTIFICATE_ARN\" \\");
            text.AppendLine("  --service-type DATA \\");
            text.AppendLine("  --authentication-type CUSTOM_AUTH \\");
            text.AppendLine("  --application-protocol SECURE_MQTT \\");
            text.AppendLine($"  --authorizer-config {Shell("{" + config + "}")}");
        }

        text.AppendLine();
        text.AppendLine("# Check it with a real token: eval \"$(iotctl token --client-id DEVICE --expires-in 30d --key private.pem)\"");
        text.AppendLine($"aws iot test-invoke-authorizer --region {region} --authorizer-name {Shell(request.AuthorizerName)} --token \"$token\" --token-signature \"$signature\"");
        text.AppendLine();
        text.AppendLine("# The authorizer (iotctl authorize / the reference Lambda) grants each device exactly this policy:");
        text.AppendLine("#   " + LeastPrivilegePolicy.Template(request.Scope));
        return text.ToString();
    }

    /// <summary>The CloudFormation template (YAML).</summary>
    public static string CloudFormationYaml(AwsSetupRequest request)
    {
        string functionArn = request.FunctionArn is null ? $"\n        Ref: {FunctionArnParameter}" : " " + Json(request.FunctionArn);
        var yaml = new StringBuilder();
        yaml.AppendLine("# Generated by 'iotctl aws setup'. Property names follow the AWS CloudFormation reference for");
        yaml.AppendLine("# AWS::IoT::Authorizer, AWS::Lambda::Permission and AWS::IoT::DomainConfiguration.");
        yaml.AppendLine("AWSTemplateFormatVersion: \"2010-09-09\"");
        yaml.AppendLine($"Description: {Json($"AWS IoT custom authorizer {request.AuthorizerName} (signed tokens) and its Lambda permission")}");
        if (request.FunctionArn is null || request.Domain is not null)
        {
            yaml.AppendLine("Parameters:");
            if (request.FunctionArn is null)
            {
                yaml.AppendLine($"  {FunctionArnParameter}:");
                yaml.AppendLine("    Type: String");
                yaml.AppendLine("    Description: \"ARN of the authorizer Lambda function\"");
            }

            if (request.Domain is not null)
            {
                yaml.AppendLine($"  {ServerCertificateParameter}:");
                yaml.AppendLine("    Type: String");
                yaml.AppendLine($"    Description: {Json($"ARN of the ACM certificate for {request.Domain}")}");
            }
        }

        yaml.AppendLine("Metadata:");
        yaml.AppendLine("  ReferenceAuthorizerPolicy:");
        yaml.AppendLine("    Description: \"The policy document the authorizer returns for each device (${iot:ClientId} = the device's client id, which its signed token is bound to)\"");
        yaml.AppendLine($"    PolicyDocument: {Json(LeastPrivilegePolicy.Template(request.Scope))}");
        yaml.AppendLine("Resources:");
        yaml.AppendLine("  TokenAuthorizer:");
        yaml.AppendLine("    Type: AWS::IoT::Authorizer");
        yaml.AppendLine("    Properties:");
        yaml.AppendLine($"      AuthorizerName: {Json(request.AuthorizerName)}");
        yaml.AppendLine($"      AuthorizerFunctionArn:{functionArn}");
        yaml.AppendLine("      SigningDisabled: false");
        yaml.AppendLine("      Status: ACTIVE");
        yaml.AppendLine($"      TokenKeyName: {Json(request.TokenKeyName)}");
        yaml.AppendLine("      TokenSigningPublicKeys:");
        for (int i = 0; i < request.PublicKeyPems.Count; i++)
        {
            yaml.AppendLine($"        key{i + 1}: |");
            foreach (string line in request.PublicKeyPems[i].TrimEnd().Split('\n'))
            {
                yaml.AppendLine("          " + line.TrimEnd('\r'));
            }
        }

        yaml.AppendLine("  AuthorizerInvokePermission:");
        yaml.AppendLine("    Type: AWS::Lambda::Permission");
        yaml.AppendLine("    DependsOn: TokenAuthorizer");
        yaml.AppendLine("    Properties:");
        yaml.AppendLine("      Action: lambda:InvokeFunction");
        yaml.AppendLine($"      FunctionName:{functionArn}");
        yaml.AppendLine("      Principal: iot.amazonaws.com");
        yaml.AppendLine($"      SourceArn: {Json(request.AuthorizerArn)}");
        yaml.AppendLine($"      SourceAccount: {Json(request.Scope.Account)}");
        if (request.Domain is not null)
        {
            yaml.AppendLine("  CustomAuthDomainConfiguration:");
            yaml.AppendLine("    Type: AWS::IoT::DomainConfiguration");
            yaml.AppendLine("    DependsOn: TokenAuthorizer");
            yaml.AppendLine("    Properties:");
            yaml.AppendLine($"      DomainConfigurationName: {Json(request.DomainConfigurationName)}");
            yaml.AppendLine($"      DomainName: {Json(request.Domain)}");
            yaml.AppendLine("      ServerCertificateArns:");
            yaml.AppendLine($"        - Ref: {ServerCertificateParameter}");
            yaml.AppendLine("      ServiceType: DATA");
            yaml.AppendLine("      AuthenticationType: CUSTOM_AUTH");
            yaml.AppendLine("      ApplicationProtocol: SECURE_MQTT");
            yaml.AppendLine("      DomainConfigurationStatus: ENABLED");
            yaml.AppendLine("      AuthorizerConfig:");
            yaml.AppendLine($"        DefaultAuthorizerName: {Json(request.AuthorizerName)}");
            yaml.AppendLine("        AllowAuthorizerOverride: false");
        }

        yaml.AppendLine("Outputs:");
        yaml.AppendLine("  AuthorizerArn:");
        yaml.AppendLine($"    Value: {Json(request.AuthorizerArn)}");
        return yaml.ToString();
    }

    // A JSON string literal is also a valid YAML double-quoted scalar; relaxed escaping keeps PEM and ARNs readable.
    private static string Json(string value) => "\"" + JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString() + "\"";

    // Every value here is validated to contain no single quote, so single quoting is exact.
    private static string Shell(string value) => "'" + value + "'";
}
