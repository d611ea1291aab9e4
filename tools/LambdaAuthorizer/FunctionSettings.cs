using System.Security.Cryptography;
using AwsIotDevice.CustomAuth;
using AwsIotDevice.CustomAuth.Authorizer;
using AwsIotDevice.CustomAuth.Policies;

namespace AwsIotDevice.LambdaAuthorizer;

/// <summary>
/// The function's configuration, from its environment variables (set by the CloudFormation template that
/// <c>iotctl aws setup</c> prints, and by the emulator from <c>emulator.json</c>):
/// <list type="bullet">
/// <item><c>AWS_REGION</c> (set by Lambda itself) and <c>AUTHORIZER_ACCOUNT_ID</c>: the region and account of granted ARNs;</item>
/// <item><c>AUTHORIZER_TOPIC_PREFIX</c> (default <c>devices</c>): devices get <c>&lt;prefix&gt;/&lt;clientId&gt;/*</c>;</item>
/// <item><c>AUTHORIZER_REFRESH_AFTER_SECONDS</c> (default 300, AWS allows 300..86400);</item>
/// <item><c>AUTHORIZER_PUBLIC_KEYS</c> (optional): 1 or 2 PEM public keys to check signatures found in the event
/// too. Not needed with signing on: AWS verifies the signature before invoking the function.</item>
/// </list>
/// </summary>
public sealed class FunctionSettings
{
    /// <summary>Environment variable: the account id in granted ARNs.</summary>
    public const string AccountVariable = "AUTHORIZER_ACCOUNT_ID";

    /// <summary>Environment variable: the topic prefix.</summary>
    public const string TopicPrefixVariable = "AUTHORIZER_TOPIC_PREFIX";

    /// <summary>Environment variable: refreshAfterInSeconds.</summary>
    public const string RefreshVariable = "AUTHORIZER_REFRESH_AFTER_SECONDS";

    /// <summary>Environment variable: optional PEM public keys.</summary>
    public const string PublicKeysVariable = "AUTHORIZER_PUBLIC_KEYS";

    private FunctionSettings(ReferenceAuthorizerOptions options) => Options = options;

    /// <summary>The reference authorizer's options.</summary>
    public ReferenceAuthorizerOptions Options { get; }

    /// <summary>
    /// Reads the settings through <paramref name="get"/> (e.g. <see cref="Environment.GetEnvironmentVariable(string)"/>).
    /// Throws <see cref="CustomAuthException"/> naming the variable and what to set.
    /// </summary>
    public static FunctionSettings FromEnvironment(Func<string, string?> get)
    {
        string region = NonEmpty(get("AWS_REGION")) ?? throw new CustomAuthException("AWS_REGION is not set (Lambda sets it; the emulator sets it from aws.region)");
        string account = NonEmpty(get(AccountVariable)) ?? throw new CustomAuthException($"{AccountVariable} is not set; set it to the 12-digit AWS account id (the template uses !Ref AWS::AccountId)");
        string prefix = NonEmpty(get(TopicPrefixVariable)) ?? PolicyScope.DefaultTopicPrefix;
        int refresh = AuthorizerResponse.DefaultRefreshSeconds;
        string? refreshText = NonEmpty(get(RefreshVariable));
        if (refreshText is not null && (!int.TryParse(refreshText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out refresh)
            || refresh < AuthorizerResponse.MinSeconds || refresh > AuthorizerResponse.MaxSeconds))
        {
            throw new CustomAuthException($"{RefreshVariable} must be a whole number of seconds in {AuthorizerResponse.MinSeconds}..{AuthorizerResponse.MaxSeconds}");
        }

        var scope = new PolicyScope(region, account, prefix);
        return new FunctionSettings(new ReferenceAuthorizerOptions { Scope = scope, RefreshAfterInSeconds = refresh, PublicKeys = LoadKeys(NonEmpty(get(PublicKeysVariable))) });
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static List<RSA> LoadKeys(string? pems)
    {
        var keys = new List<RSA>();
        if (pems is null)
        {
            return keys;
        }

        const string end = "-----END PUBLIC KEY-----";
        foreach (string block in pems.Split(end, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var rsa = RSA.Create();
            try
            {
                rsa.ImportFromPem(block + "\n" + end);
            }
            catch (Exception e) when (e is ArgumentException or CryptographicException)
            {
                rsa.Dispose();
                throw new CustomAuthException($"{PublicKeysVariable} holds something that is not a PEM public key ({e.GetType().Name})");
            }

            if (rsa.KeySize != 2048)
            {
                rsa.Dispose();
                throw new CustomAuthException($"{PublicKeysVariable}: a key is RSA-{rsa.KeySize}; AWS authorizers take RSA-2048");
            }

            keys.Add(rsa);
        }

        if (keys.Count is < 1 or > 2)
        {
            throw new CustomAuthException($"{PublicKeysVariable} must hold 1 or 2 PEM public keys, not {keys.Count}");
        }

        return keys;
    }
}
