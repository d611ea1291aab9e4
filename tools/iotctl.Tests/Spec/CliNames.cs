using System.Text.RegularExpressions;

namespace AwsIotDevice.Iotctl.Tests.Spec;

/// <summary>
/// How the AWS CLI names commands and options from a service model: botocore's <c>xform_name</c> with '-' as the
/// separator (operation CreateAuthorizer -> create-authorizer, member tokenSigningPublicKeys ->
/// --token-signing-public-keys, waiter StackCreateComplete -> stack-create-complete; a trailing plural acronym such as
/// "ARNs" becomes "-arns").
/// </summary>
internal static class CliNames
{
    private static readonly Regex SpecialCase = new("[A-Z]{2,}s$", RegexOptions.Compiled);
    private static readonly Regex FirstCap = new("(.)([A-Z][a-z]+)", RegexOptions.Compiled);
    private static readonly Regex EndCap = new("([a-z0-9])([A-Z])", RegexOptions.Compiled);

    /// <summary>The CLI spelling of <paramref name="name"/>.</summary>
    public static string Kebab(string name)
    {
        if (name.Contains('-', StringComparison.Ordinal))
        {
            return name;
        }

        Match special = SpecialCase.Match(name);
        if (special.Success)
        {
            name = name[..^special.Length] + "-" + special.Value.ToLowerInvariant();
        }

        string first = FirstCap.Replace(name, "$1-$2");
        return EndCap.Replace(first, "$1-$2").ToLowerInvariant();
    }
}
