using AwsIotDevice.CustomAuth;
using AwsIotDevice.CustomAuth.Authorizer;
using AwsIotDevice.CustomAuth.Policies;

namespace AwsIotDevice.Iotctl.Setup;

/// <summary>The validated inputs of <c>iotctl aws setup</c>.</summary>
public sealed class AwsSetupRequest
{
    /// <summary>Validates and creates the request; throws <see cref="CustomAuthException"/> naming the bad option.</summary>
    public AwsSetupRequest(string authorizerName, IReadOnlyList<string> publicKeyPems, string region, string account,
        string? domain = null, string? functionArn = null, string tokenKeyName = "token", string topicPrefix = PolicyScope.DefaultTopicPrefix)
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

        if (functionArn is not null && !IsLambdaArn(functionArn))
        {
            throw new CustomAuthException($"--function-arn {LogText.Quote(functionArn, 200)} is not a Lambda function ARN (arn:aws:lambda:REGION:ACCOUNT:function:NAME)");
        }

        AuthorizerName = authorizerName;
        PublicKeyPems = publicKeyPems;
        Domain = domain;
        FunctionArn = functionArn;
        TokenKeyName = tokenKeyName;
    }

    /// <summary>The authorizer name.</summary>
    public string AuthorizerName { get; }

    /// <summary>The public keys as SubjectPublicKeyInfo PEM ("BEGIN PUBLIC KEY").</summary>
    public IReadOnlyList<string> PublicKeyPems { get; }

    /// <summary>Region, account and topic prefix.</summary>
    public PolicyScope Scope { get; }

    /// <summary>A custom domain name for a CUSTOM_AUTH domain configuration, or null for none.</summary>
    public string? Domain { get; }

    /// <summary>The authorizer Lambda's ARN, or null to leave it as a parameter.</summary>
    public string? FunctionArn { get; }

    /// <summary>The token key name devices put the token under.</summary>
    public string TokenKeyName { get; }

    /// <summary>The authorizer's ARN.</summary>
    public string AuthorizerArn => $"arn:aws:iot:{Scope.Region}:{Scope.Account}:authorizer/{AuthorizerName}";

    /// <summary>A name derived from the authorizer name using only <c>[A-Za-z0-9_-]</c> (statement ids, domain configuration names).</summary>
    public string SafeName => new(AuthorizerName.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-' ? c : '-').ToArray());

    /// <summary>The domain configuration name (pattern <c>[\w.-]+</c>, at most 128).</summary>
    public string DomainConfigurationName => (SafeName.Length > 121 ? SafeName[..121] : SafeName) + "-domain";

    private static bool IsDomainName(string value) =>
        value.Length is > 0 and <= 253 && !value.StartsWith('.') && !value.EndsWith('.') && !value.Contains("..", StringComparison.Ordinal)
        && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-' || c == '.');

    private static bool IsLambdaArn(string value)
    {
        string[] parts = value.Split(':');
        return parts.Length is 7 or 8 && parts[0] == "arn" && parts[1].StartsWith("aws", StringComparison.Ordinal) && parts[2] == "lambda"
            && parts[3].Length > 0 && parts[4].Length == 12 && parts[4].All(char.IsAsciiDigit) && parts[5] == "function"
            && parts[6].Length is > 0 and <= 64 && parts[6].All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_')
            && (parts.Length == 7 || parts[7].Length > 0);
    }
}
