namespace AwsIotDevice.CustomAuth.Authorizer;

/// <summary>AWS IoT's name patterns for authorizer settings (CreateAuthorizer API reference).</summary>
public static class AwsNames
{
    /// <summary>Authorizer name: 1..128 of <c>[\w=,@-]</c> (\w being ASCII letters, digits and '_').</summary>
    public static bool IsAuthorizerName(string? value) => Matches(value, "_=,@-");

    /// <summary>Token key name: 1..128 of <c>[a-zA-Z0-9_-]</c>.</summary>
    public static bool IsTokenKeyName(string? value) => Matches(value, "_-");

    private static bool Matches(string? value, string extra) =>
        value is { Length: > 0 and <= 128 } && value.All(c => char.IsAsciiLetterOrDigit(c) || extra.Contains(c));
}
