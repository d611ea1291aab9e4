using AwsIotDevice.Emulator.Policy;

namespace AwsIotDevice.Emulator.Tests;

public class PolicyTests
{
    private const string Arn = "arn:aws:iot:us-east-1:123456789012:";

    private static PolicyEvaluator Eval(string clientId, params string[] docs) =>
        new(docs.Select(PolicyDocument.Parse).ToList(), clientId);

    private static string Doc(string effect, string action, string resource) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"{{effect}}","Action":{{action}},"Resource":{{resource}}}]}""";

    [Theory]
    [InlineData("a*", "abc", true)]
    [InlineData("a*", "a/b/c", true)]
    [InlineData("a*c", "a/b/c", true)]
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "ac", false)]
    [InlineData("a?c", "abbc", false)]
    [InlineData("*", "", true)]
    [InlineData("", "", true)]
    [InlineData("abc", "abd", false)]
    [InlineData("a+", "ab", false)]
    [InlineData("a+", "a+", true)]
    [InlineData("a/#", "a/b", false)]
    [InlineData("a/#", "a/#", true)]
    [InlineData("*b*b*", "abxbz", true)]
    [InlineData("*b*b*", "abxz", false)]
    [InlineData("a**", "a", true)]
    public void Wildcards(string pattern, string value, bool expected)
    {
        Assert.Equal(expected, PolicyPattern.Matches(pattern, value));
    }

    [Fact]
    public void ClientIdVariableIsSubstitutedLiterally()
    {
        var vars = new Dictionary<string, string> { ["iot:ClientId"] = "dev*" };
        Assert.True(PolicyPattern.Matches("client/${iot:ClientId}", "client/dev*", vars));
        Assert.False(PolicyPattern.Matches("client/${iot:ClientId}", "client/devX", vars));
    }

    [Fact]
    public void UnknownVariableMatchesNothing()
    {
        Assert.False(PolicyPattern.Matches("client/${iot:Connection.Thing.ThingName}", "client/x", new Dictionary<string, string>()));
        Assert.False(PolicyPattern.Matches("client/${iot:ClientId", "client/x", new Dictionary<string, string> { ["iot:ClientId"] = "x" }));
    }

    [Fact]
    public void DefaultDeny()
    {
        var e = Eval("d1", Doc("Allow", "\"iot:Publish\"", $"\"{Arn}topic/a\""));
        var d = e.Evaluate("iot:Connect", Arn + "client/d1");
        Assert.False(d.Allowed);
        Assert.Contains("default deny", d.Explanation);
    }

    [Fact]
    public void AllowMatches()
    {
        var e = Eval("d1", Doc("Allow", "\"iot:Connect\"", $"\"{Arn}client/${{iot:ClientId}}\""));
        Assert.True(e.Evaluate("iot:Connect", Arn + "client/d1").Allowed);
        Assert.False(e.Evaluate("iot:Connect", Arn + "client/d2").Allowed);
    }

    [Fact]
    public void ExplicitDenyWinsAcrossDocuments()
    {
        var e = Eval("d1",
            Doc("Allow", "\"iot:*\"", "\"*\""),
            Doc("Deny", "[\"iot:Publish\"]", $"[\"{Arn}topic/secret/*\"]"));
        Assert.True(e.Evaluate("iot:Publish", Arn + "topic/open/x").Allowed);
        var d = e.Evaluate("iot:Publish", Arn + "topic/secret/x");
        Assert.False(d.Allowed);
        Assert.Contains("explicit Deny", d.Explanation);
        Assert.Contains("policyDocuments[1]", d.Explanation);
    }

    [Fact]
    public void DenyBeforeAllowInSameDocumentStillWins()
    {
        string doc = $$"""{"Statement":[{"Effect":"Deny","Action":"iot:Publish","Resource":"{{Arn}}topic/x"},{"Effect":"Allow","Action":"iot:Publish","Resource":"*"}]}""";
        Assert.False(Eval("c", doc).Evaluate("iot:Publish", Arn + "topic/x").Allowed);
    }

    [Fact]
    public void StatementMayBeAnObject()
    {
        var e = Eval("c", $$$"""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iot:Subscribe","Resource":"{{{Arn}}}topicfilter/a/+"}}""");
        Assert.True(e.Evaluate("iot:Subscribe", Arn + "topicfilter/a/+").Allowed);
        Assert.False(e.Evaluate("iot:Subscribe", Arn + "topicfilter/a/b").Allowed);
    }

    [Fact]
    public void ActionWildcardAndCase()
    {
        var e = Eval("c", Doc("Allow", "\"iot:*\"", "\"*\""));
        foreach (var a in new[] { "iot:Connect", "iot:Publish", "iot:Subscribe", "iot:Receive", "iot:RetainPublish" })
            Assert.True(e.Evaluate(a, Arn + "topic/x").Allowed, a);
        Assert.True(Eval("c", Doc("Allow", "\"IOT:publish\"", "\"*\"")).Evaluate("iot:Publish", "x").Allowed);
        Assert.False(Eval("c", Doc("Allow", "\"iot:Pub*\"", "\"*\"")).Evaluate("iot:Receive", "x").Allowed);
    }

    [Fact]
    public void ResourceListAndActionList()
    {
        var e = Eval("c", Doc("Allow", "[\"iot:Publish\",\"iot:Receive\"]", $"[\"{Arn}topic/a\",\"{Arn}topic/b/*\"]"));
        Assert.True(e.Evaluate("iot:Receive", Arn + "topic/b/c/d").Allowed);
        Assert.False(e.Evaluate("iot:Subscribe", Arn + "topic/a").Allowed);
    }

    [Fact]
    public void ResourcesAreCaseSensitive()
    {
        Assert.False(Eval("c", Doc("Allow", "\"iot:Publish\"", $"\"{Arn}topic/A\"")).Evaluate("iot:Publish", Arn + "topic/a").Allowed);
    }

    [Fact]
    public void TopicVsTopicFilterResourceTypesDiffer()
    {
        var e = Eval("c", Doc("Allow", "\"iot:Subscribe\"", $"\"{Arn}topic/a\""));
        Assert.False(e.Evaluate("iot:Subscribe", Arn + "topicfilter/a").Allowed);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"Statement\":[]}")]
    [InlineData("{\"Statement\":[{\"Effect\":\"Maybe\",\"Action\":\"a\",\"Resource\":\"r\"}]}")]
    [InlineData("{\"Statement\":[{\"Effect\":\"Allow\",\"Resource\":\"r\"}]}")]
    [InlineData("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[],\"Resource\":\"r\"}]}")]
    [InlineData("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[1],\"Resource\":\"r\"}]}")]
    [InlineData("not json")]
    public void MalformedDocumentsAreRejected(string json)
    {
        Assert.Throws<FormatException>(() => PolicyDocument.Parse(json));
    }

    [Fact]
    public void ReferencePolicyFromCustomAuthGrantsOnlyItsOwnTopics()
    {
        var scope = new AwsIotDevice.CustomAuth.Policies.PolicyScope("us-east-1", "123456789012", "devices");
        string doc = AwsIotDevice.CustomAuth.Policies.LeastPrivilegePolicy.Build(scope, "dev1");
        var e = Eval("dev1", doc);
        Assert.True(e.Evaluate("iot:Connect", Arn + "client/dev1").Allowed);
        Assert.False(e.Evaluate("iot:Connect", Arn + "client/dev2").Allowed);
        Assert.True(e.Evaluate("iot:Publish", Arn + "topic/devices/dev1/t").Allowed);
        Assert.False(e.Evaluate("iot:Publish", Arn + "topic/devices/dev2/t").Allowed);
        Assert.True(e.Evaluate("iot:Subscribe", Arn + "topicfilter/devices/dev1/cmd").Allowed);
        Assert.False(e.Evaluate("iot:RetainPublish", Arn + "topic/devices/dev1/t").Allowed);
    }
}
