using AwsIotDevice.CustomAuth.Authorizer;
using AwsIotDevice.CustomAuth.Policies;

namespace AwsIotDevice.CustomAuth.Tests;

public class PrincipalIdTests
{
    [Theory]
    [InlineData("dev-01")]
    [InlineData("")]
    [InlineData("!!!")]
    [InlineData("日本語")]
    public void FromClientId_AlwaysMatchesAwsPattern(string clientId)
    {
        Assert.Matches("^[a-zA-Z0-9]{1,128}$", PrincipalId.FromClientId(clientId));
    }

    [Fact]
    public void FromClientId_LongIdsStayWithinLimit_AndPunctuationDifferencesStayDistinct()
    {
        Assert.True(PrincipalId.FromClientId(new string('a', 128)).Length <= 128);
        Assert.NotEqual(PrincipalId.FromClientId("dev-1"), PrincipalId.FromClientId("dev.1"));
        Assert.NotEqual(PrincipalId.FromClientId(new string('a', 100) + "1"), PrincipalId.FromClientId(new string('a', 100) + "2"));
        Assert.StartsWith("dev1", PrincipalId.FromClientId("dev-1"));
        Assert.Equal(PrincipalId.FromClientId("dev-1"), PrincipalId.FromClientId("dev-1"));
    }
}

public class PolicyScopeTests
{
    [Theory]
    [InlineData("EU-WEST-1", "*", "devices")]
    [InlineData("*", "12345", "devices")]
    [InlineData("*", "*", "")]
    [InlineData("*", "*", "/devices")]
    [InlineData("*", "*", "devices/")]
    [InlineData("*", "*", "a//b")]
    [InlineData("*", "*", "dev/+/x")]
    [InlineData("*", "*", "dev/#")]
    [InlineData("*", "*", "dev*")]
    [InlineData("*", "*", "$aws/things")]
    [InlineData("*", "*", "a/b/c/d/e/f")]
    public void Constructor_RejectsUnsafeValues(string region, string account, string prefix)
    {
        Assert.Throws<CustomAuthException>(() => new PolicyScope(region, account, prefix));
    }

    [Fact]
    public void LongestPrefixAndClientId_StillFitAwsPolicyLimit()
    {
        var scope = new PolicyScope("ap-southeast-2", "123456789012", string.Join('/', Enumerable.Repeat(new string('p', 24), 5)));
        string policy = LeastPrivilegePolicy.Build(scope, new string('c', 128));
        Assert.True(policy.Length <= 2048, $"{policy.Length}");
    }

    [Fact]
    public void Template_UsesThePolicyVariable()
    {
        string template = LeastPrivilegePolicy.Template(new PolicyScope("eu-west-1", "123456789012", "devices"));
        Assert.Contains("arn:aws:iot:eu-west-1:123456789012:client/${iot:ClientId}", template);
        Assert.Contains("topicfilter/devices/${iot:ClientId}/*", template);
    }
}

public class UsernameQueryTests
{
    [Theory]
    [InlineData("u?x-amz-customauthorizer-signature=ab%2Bc%2F%3D%3D", "ab+c/==")]
    [InlineData("u?a=1&x-amz-customauthorizer-signature=ab+c/==&b=2", "ab+c/==")]
    [InlineData("?x-amz-customauthorizer-signature=", "")]
    [InlineData("u?x%2Damz%2Dcustomauthorizer%2Dsignature=v", "v")]
    public void Get_FindsAndDecodes(string username, string expected)
    {
        Assert.Equal(expected, UsernameQuery.Get(username, UsernameQuery.SignatureKey));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("plainuser")]
    [InlineData("u?x-amz-customauthorizer-name=a")]
    [InlineData("u?x-amz-customauthorizer-signature=%zz")]
    [InlineData("u?x-amz-customauthorizer-signature=%FF")]
    public void Get_ReturnsNullWhenAbsentOrBroken(string? username)
    {
        Assert.Null(UsernameQuery.Get(username, UsernameQuery.SignatureKey));
    }
}
