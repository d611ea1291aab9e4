namespace AwsIotDevice.CustomAuth.Policies;

/// <summary>
/// Where granted resources live: the region and account in <c>arn:aws:iot:&lt;region&gt;:&lt;account&gt;:...</c>
/// (each may be <c>*</c>, matching any) and the topic prefix devices publish under (<c>&lt;prefix&gt;/&lt;clientId&gt;/...</c>).
/// </summary>
public sealed class PolicyScope
{
    /// <summary>The default topic prefix.</summary>
    public const string DefaultTopicPrefix = "devices";

    /// <summary>
    /// Creates a scope, validating every part. Throws <see cref="CustomAuthException"/> for a region that is not
    /// lower-case letters, digits and dashes, an account that is not 12 digits, or a prefix that is not 1..6 levels of
    /// <c>[A-Za-z0-9_.:-]</c> separated by single slashes (no wildcards, no leading '$', room left within AWS's
    /// 7-slash topic limit for <c>/&lt;clientId&gt;/&lt;leaf&gt;</c>).
    /// </summary>
    public PolicyScope(string region = "*", string account = "*", string topicPrefix = DefaultTopicPrefix)
    {
        if (region != "*" && (region.Length is 0 or > 32 || !region.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
        {
            throw new CustomAuthException($"region {LogText.Quote(region)} is not an AWS region name (like eu-west-1) or '*'");
        }

        if (account != "*" && (account.Length != 12 || !account.All(char.IsAsciiDigit)))
        {
            throw new CustomAuthException($"account {LogText.Quote(account)} is not a 12-digit AWS account id or '*'");
        }

        string[] levels = topicPrefix.Split('/');
        bool ok = topicPrefix.Length is > 0 and <= 128 && levels.Length <= 5
            && levels.All(level => level.Length > 0 && level.All(Tokens.ClientIdRules.IsAllowed));
        if (!ok)
        {
            throw new CustomAuthException($"topic prefix {LogText.Quote(topicPrefix)} must be 1..5 levels of A-Z a-z 0-9 _ . : - separated by '/', at most 128 characters (no wildcards, no leading or trailing '/')");
        }

        Region = region;
        Account = account;
        TopicPrefix = topicPrefix;
    }

    /// <summary>The AWS region, or <c>*</c>.</summary>
    public string Region { get; }

    /// <summary>The 12-digit AWS account id, or <c>*</c>.</summary>
    public string Account { get; }

    /// <summary>The topic prefix, without leading or trailing slash.</summary>
    public string TopicPrefix { get; }

    /// <summary>The ARN prefix <c>arn:aws:iot:region:account:</c>.</summary>
    public string ArnPrefix => $"arn:aws:iot:{Region}:{Account}:";
}
