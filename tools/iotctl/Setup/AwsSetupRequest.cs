using AwsIotDevice.CustomAuth;
using AwsIotDevice.CustomAuth.Authorizer;
using AwsIotDevice.CustomAuth.Policies;

namespace AwsIotDevice.Iotctl.Setup;

/// <summary>The validated inputs of <c>iotctl aws setup</c>.</summary>
public sealed class AwsSetupRequest
{
    /// <summary>Validates and creates the request; throws <see cref="CustomAuthException"/> naming the bad option.</summary>
    public AwsSetupRequest(string authorizerName, IReadOnlyList<string> publicKeyPems, string region, string account,
        string? domain = null, string? certificateArn = null, string tokenKeyName = "token", string topicPrefix = PolicyScope.DefaultTopicPrefix,
        string architecture = "x86_64", string? stackName = null)
    {
        if (!AwsNames.IsAuthorizerName(authorizerName))
        {
            throw new CustomAuthException($"--name {LogText.Quote(authorizerName)} must be 1..128 of letters, digits, _ = , @ - (AWS's authorizer name pattern)");
        }

        if (!AwsNames.IsTokenKeyName(tokenKeyName))
        {
            throw new CustomAuthException($"--token-key-name {LogText.Quote(tokenKeyName)} must be 1..128 of A-Z a-z 0-9 _ -");
        }

        if (publicKeyPems.Count is < 1 or > 2)
        {
            throw new CustomAuthException("an AWS authorizer takes 1 or 2 public keys; pass --public-key once or twice");
        }

        if (region == "*" || account == "*")
        {
            throw new CustomAuthException("--region and --account must be concrete values here (they name real AWS resources)");
        }

        Scope = new PolicyScope(region, account, topicPrefix);

        if (domain is not null && !IsDomainName(domain))
        {
            throw new CustomAuthException($"--domain {LogText.Quote(domain)} is not a lower-case DNS name like iot.example.com");
        }

        if (certificateArn is not null && domain is null)
        {
            throw new CustomAuthException("--certificate-arn is the ACM certificate of --domain; give --domain too");
        }

        if (certificateArn is not null && !IsCertificateArn(certificateArn))
        {
            throw new CustomAuthException($"--certificate-arn {LogText.Quote(certificateArn, 200)} is not an ACM certificate ARN (arn:aws:acm:REGION:ACCOUNT:certificate/ID)");
        }

        if (!LambdaPackager.RuntimeIdentifiers.ContainsKey(architecture))
        {
            throw new CustomAuthException($"--arch {LogText.Quote(architecture)} is not a Lambda architecture; use x86_64 or arm64");
        }

        string stack = stackName ?? Trim(SafeNameOf(authorizerName), 122) + "-stack";
        if (stack.Length is 0 or > 128 || !char.IsAsciiLetter(stack[0]) || !stack.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw new CustomAuthException($"--stack-name {LogText.Quote(stack)} must be 1..128 of letters, digits and '-', starting with a letter (CloudFormation's rule)");
        }

        AuthorizerName = authorizerName;
        PublicKeyPems = publicKeyPems;
        Domain = domain;
        CertificateArn = certificateArn;
        TokenKeyName = tokenKeyName;
        Architecture = architecture;
        StackName = stack;
    }

    /// <summary>The authorizer name.</summary>
    public string AuthorizerName { get; }

    /// <summary>The public keys as SubjectPublicKeyInfo PEM ("BEGIN PUBLIC KEY").</summary>
    public IReadOnlyList<string> PublicKeyPems { get; }

    /// <summary>Region, account and topic prefix.</summary>
    public PolicyScope Scope { get; }

    /// <summary>A custom domain name for a CUSTOM_AUTH domain configuration, or null for none.</summary>
    public string? Domain { get; }

    /// <summary>The ACM certificate ARN of <see cref="Domain"/> (the template parameter's default), or null.</summary>
    public string? CertificateArn { get; }

    /// <summary>Lambda architecture of the package: x86_64 or arm64.</summary>
    public string Architecture { get; }

    /// <summary>The CloudFormation stack name.</summary>
    public string StackName { get; }

    /// <summary>The package's file name (as <c>iotctl aws package</c> writes it), also its S3 key.</summary>
    public string PackageFileName => LambdaPackager.FileName(Architecture);

    /// <summary>The Lambda function's name (at most 64 of <c>[A-Za-z0-9_-]</c>).</summary>
    public string FunctionName => Trim(SafeName, 53) + "-authorizer";

    /// <summary>The token key name devices put the token under.</summary>
    public string TokenKeyName { get; }

    /// <summary>The authorizer's ARN.</summary>
    public string AuthorizerArn => $"arn:aws:iot:{Scope.Region}:{Scope.Account}:authorizer/{AuthorizerName}";

    /// <summary>A name derived from the authorizer name using only <c>[A-Za-z0-9_-]</c> (statement ids, domain configuration names).</summary>
    public string SafeName => SafeNameOf(AuthorizerName);

    /// <summary>The domain configuration name (pattern <c>[\w.-]+</c>, at most 128).</summary>
    public string DomainConfigurationName => (SafeName.Length > 121 ? SafeName[..121] : SafeName) + "-domain";

    private static bool IsDomainName(string value) =>
        value.Length is > 0 and <= 253 && !value.StartsWith('.') && !value.EndsWith('.') && !value.Contains("..", StringComparison.Ordinal)
        && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-' || c == '.');

    private static string SafeNameOf(string name) => new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-' ? c : '-').ToArray());

    private static string Trim(string value, int max) => value.Length > max ? value[..max] : value;

    private static bool IsCertificateArn(string value)
    {
        string[] parts = value.Split(':');
        return parts.Length == 6 && parts[0] == "arn" && parts[1].StartsWith("aws", StringComparison.Ordinal) && parts[2] == "acm"
            && parts[3].Length > 0 && parts[4].Length == 12 && parts[4].All(char.IsAsciiDigit) && parts[5].StartsWith("certificate/", StringComparison.Ordinal)
            && parts[5].Length > "certificate/".Length && !value.Contains('\'') && !value.Contains('"');
    }
}
