using AwsIotDevice.CustomAuth.Authorizer;
using AwsIotDevice.CustomAuth.Policies;

namespace AwsIotDevice.CustomAuth.Tests;

public class AuthorizerResponseValidatorTests
{
    private static readonly string Policy = LeastPrivilegePolicy.Build(new PolicyScope(), "dev-1");

    private static string Response(string policies = "null", string extra = "") =>
        $"{{\"isAuthenticated\":true,\"principalId\":\"dev1\"{extra},\"policyDocuments\":{policies}}}";

    private static string Quoted(string s) => System.Text.Json.JsonSerializer.Serialize(s, CustomAuthTestsJson.Default.String);

    [Fact]
    public void Valid_AllowedResponse_PolicyAsStringOrObject()
    {
        AuthorizerResponseValidation a = AuthorizerResponseValidator.Validate(Response($"[{Quoted(Policy)}]", ",\"disconnectAfterInSeconds\":86400,\"refreshAfterInSeconds\":300"));
        AuthorizerResponseValidation b = AuthorizerResponseValidator.Validate(Response($"[{Policy}]"));
        Assert.True(a.IsValid, a.Detail);
        Assert.True(a.IsAuthenticated);
        Assert.True(b.IsValid, b.Detail);
    }

    [Fact]
    public void Valid_RefusalNeedsOnlyIsAuthenticatedFalse()
    {
        AuthorizerResponseValidation v = AuthorizerResponseValidator.Validate("{\"isAuthenticated\":false}");
        Assert.True(v.IsValid);
        Assert.False(v.IsAuthenticated);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"isAuthenticated\":\"true\",\"principalId\":\"a\",\"policyDocuments\":[]}")]
    [InlineData("{\"isAuthenticated\":true,\"policyDocuments\":[]}")]
    [InlineData("{\"isAuthenticated\":true,\"principalId\":\"has-dash\",\"policyDocuments\":[]}")]
    [InlineData("{\"isAuthenticated\":true,\"principalId\":\"\",\"policyDocuments\":[]}")]
    [InlineData("{\"isAuthenticated\":true,\"principalId\":5,\"policyDocuments\":[]}")]
    [InlineData("{\"isAuthenticated\":true,\"principalId\":\"a\",\"policyDocuments\":{}}")]
    [InlineData("{\"isAuthenticated\":true,\"principalId\":\"a\",\"disconnectAfterInSeconds\":\"300\",\"policyDocuments\":[]}")]
    public void InvalidFormat(string json)
    {
        AuthorizerResponseValidation v = AuthorizerResponseValidator.Validate(json);
        Assert.False(v.IsValid);
        Assert.Equal("Lambda invocation result is in invalid format", v.Error);
    }

    [Fact]
    public void PrincipalIdOf129Characters_IsInvalidFormat()
    {
        string json = $"{{\"isAuthenticated\":true,\"principalId\":\"{new string('a', 129)}\",\"policyDocuments\":[]}}";
        Assert.Equal(AwsAuthorizerErrors.InvalidFormat, AuthorizerResponseValidator.Validate(json).Error);
    }

    [Theory]
    [InlineData("{\"isAuthenticated\":true,\"principalId\":\"a\"}")]
    [InlineData("{\"isAuthenticated\":true,\"principalId\":\"a\",\"policyDocuments\":null}")]
    public void PoliciesNull(string json)
    {
        Assert.Equal("List of policies cannot be null", AuthorizerResponseValidator.Validate(json).Error);
    }

    [Fact]
    public void ElevenPolicies_TooMany_TenAreFine()
    {
        string ten = "[" + string.Join(",", Enumerable.Repeat(Quoted(Policy), 10)) + "]";
        string eleven = "[" + string.Join(",", Enumerable.Repeat(Quoted(Policy), 11)) + "]";
        Assert.True(AuthorizerResponseValidator.Validate(Response(ten)).IsValid);
        Assert.Equal("Number of policies allowed cannot exceed 10", AuthorizerResponseValidator.Validate(Response(eleven)).Error);
    }

    [Fact]
    public void PolicyOver2048Characters_TooLarge_2048IsFine()
    {
        string Padded(int length)
        {
            string head = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iot:Connect\",\"Resource\":\"";
            string tail = "\"}]}";
            return head + new string('a', length - head.Length - tail.Length) + tail;
        }

        Assert.True(AuthorizerResponseValidator.Validate(Response($"[{Quoted(Padded(2048))}]")).IsValid);
        AuthorizerResponseValidation v = AuthorizerResponseValidator.Validate(Response($"[{Quoted(Padded(2049))}]"));
        Assert.Equal("Size of a policy document cannot exceeds hard limit of 2048", v.Error);
    }

    [Theory]
    [InlineData("\"not json\"")]
    [InlineData("\"[]\"")]
    [InlineData("\"{}\"")]
    [InlineData("5")]
    [InlineData("\"{\\\"Statement\\\":[]}\"")]
    [InlineData("\"{\\\"Statement\\\":[{\\\"Effect\\\":\\\"Maybe\\\",\\\"Action\\\":\\\"iot:Connect\\\",\\\"Resource\\\":\\\"*\\\"}]}\"")]
    [InlineData("\"{\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\",\\\"Resource\\\":\\\"*\\\"}]}\"")]
    [InlineData("\"{\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\",\\\"Action\\\":[],\\\"Resource\\\":\\\"*\\\"}]}\"")]
    [InlineData("\"{\\\"Statement\\\":{\\\"Effect\\\":\\\"Deny\\\",\\\"Action\\\":\\\"iot:*\\\",\\\"Resource\\\":5}}\"")]
    public void PolicyMalformed(string policy)
    {
        Assert.Equal("Policy document is Malformed", AuthorizerResponseValidator.Validate(Response($"[{policy}]")).Error);
    }

    [Theory]
    [InlineData("disconnectAfterInSeconds", 299)]
    [InlineData("disconnectAfterInSeconds", 86401)]
    [InlineData("refreshAfterInSeconds", 0)]
    [InlineData("refreshAfterInSeconds", 100000)]
    public void DurationsOutOfRange(string name, int value)
    {
        AuthorizerResponseValidation v = AuthorizerResponseValidator.Validate(Response($"[{Quoted(Policy)}]", $",\"{name}\":{value}"));
        Assert.Equal("Member must be greater than 5 minutes and less than 24 hours", v.Error);
        Assert.Contains(name, v.Detail);
    }

    [Fact]
    public void DurationBoundsAreInclusive()
    {
        Assert.True(AuthorizerResponseValidator.Validate(Response($"[{Quoted(Policy)}]", ",\"disconnectAfterInSeconds\":300,\"refreshAfterInSeconds\":86400")).IsValid);
    }
}
