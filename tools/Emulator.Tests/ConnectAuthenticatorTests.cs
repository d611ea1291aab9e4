using System.Text.Json;
using AwsIotDevice.Emulator.Auth;
using AwsIotDevice.Emulator.Config;
using AwsIotDevice.Emulator.Tests.Support;

namespace AwsIotDevice.Emulator.Tests;

public class ConnectAuthenticatorTests
{
    private static readonly EndpointAuthSettings Default = new("default endpoint", TestConfigs.Authorizer, true);

    private static (ConnectAuthenticator Auth, CountingInvoker Invoker) Create(EmulatorConfig? config = null, Func<string, string>? answer = null)
    {
        var loaded = TestConfigs.Load(config ?? TestConfigs.Default());
        var invoker = answer is null
            ? new CountingInvoker(new ReferenceAuthorizerInvoker(loaded.Config.Aws))
            : new CountingInvoker(answer);
        return (new ConnectAuthenticator(loaded, invoker), invoker);
    }

    private static Task<AuthOutcome> Run(ConnectAuthenticator a, string? username, string clientId = "dev1", EndpointAuthSettings? ep = null, byte[]? password = null) =>
        a.AuthenticateAsync(new AuthRequest
        {
            ServerName = EmulatorTestPki.AtsHost,
            Username = username,
            Password = password,
            ClientId = clientId,
            Endpoint = ep ?? Default,
            ConnectionId = "00000000-0000-0000-0000-000000000001",
        }, CancellationToken.None);

    [Fact]
    public async Task ValidTokenIsAllowedWithPolicies()
    {
        var (a, inv) = Create();
        var o = await Run(a, TestConfigs.GoodUsername("dev1"));
        Assert.True(o.Allowed, o.Rule);
        Assert.Equal(1, inv.Count);
        Assert.Single(o.Policies);
        Assert.InRange(o.DisconnectAfterSeconds, 300, 86400);
    }

    [Fact]
    public async Task EventHasAwsShape()
    {
        var (a, inv) = Create();
        string username = TestConfigs.GoodUsername("dev1");
        await Run(a, username, password: [1, 2, 3]);
        using var doc = JsonDocument.Parse(inv.LastEvent!);
        var r = doc.RootElement;
        Assert.True(r.GetProperty("signatureVerified").GetBoolean());
        Assert.Equal(["tls", "mqtt"], r.GetProperty("protocols").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(EmulatorTestPki.AtsHost, r.GetProperty("protocolData").GetProperty("tls").GetProperty("serverName").GetString());
        var mqtt = r.GetProperty("protocolData").GetProperty("mqtt");
        Assert.Equal(username, mqtt.GetProperty("username").GetString());
        Assert.Equal("AQID", mqtt.GetProperty("password").GetString());
        Assert.Equal("dev1", mqtt.GetProperty("clientId").GetString());
        Assert.True(Guid.TryParse(r.GetProperty("connectionMetadata").GetProperty("id").GetString(), out _));
        Assert.StartsWith("v1.", r.GetProperty("token").GetString());
    }

    [Fact]
    public async Task BadSignatureNeverInvokes()
    {
        var (a, inv) = Create();
        string token = TestConfigs.Token("dev1");
        string wrong = AwsIotDevice.CustomAuth.Signing.TokenSignature.Sign(EmulatorTestPki.OtherKey, token);
        var o = await Run(a, TestConfigs.Username(token, wrong));
        Assert.False(o.Allowed);
        Assert.False(o.Invoked);
        Assert.Equal(0, inv.Count);
        Assert.Contains("does not verify", o.Rule);
    }

    [Fact]
    public async Task SecondKeyIsAccepted()
    {
        var c = TestConfigs.Default();
        c.Authorizers[0].PublicKeyFiles = ["mem:2", "mem:1"];
        var (a, _) = Create(c);
        Assert.True((await Run(a, TestConfigs.GoodUsername("dev1"))).Allowed);
    }

    [Fact]
    public async Task UnencodedPlusIsExplained()
    {
        var (a, inv) = Create();
        // Find a token whose signature contains '+', then send it raw.
        for (int i = 0; i < 200; i++)
        {
            string token = TestConfigs.Token("dev1", TimeSpan.FromHours(1) + TimeSpan.FromSeconds(i));
            string sig = TestConfigs.Sign(token);
            if (!sig.Contains('+')) continue;
            string username = $"u?x-amz-customauthorizer-name={TestConfigs.Authorizer}&x-amz-customauthorizer-signature={sig}&token={token}";
            var o = await Run(a, username);
            Assert.False(o.Allowed);
            Assert.Equal(0, inv.Count);
            Assert.Contains("unencoded '+' in signature: percent-encode it as %2B", o.Hint);
            return;
        }
        Assert.Fail("no signature with '+' found");
    }

    [Fact]
    public async Task RawPlusIsFineWhenNotStrict()
    {
        var c = TestConfigs.Default();
        c.Strictness.PlusIsSpace = false;
        var (a, _) = Create(c);
        for (int i = 0; i < 200; i++)
        {
            string token = TestConfigs.Token("dev1", TimeSpan.FromHours(1) + TimeSpan.FromSeconds(i));
            string sig = TestConfigs.Sign(token);
            if (!sig.Contains('+')) continue;
            Assert.True((await Run(a, $"u?x-amz-customauthorizer-signature={sig}&token={token}")).Allowed);
            return;
        }
        Assert.Fail("no signature with '+' found");
    }

    [Fact]
    public async Task RawSlashInSignatureIsAccepted()
    {
        var (a, _) = Create();
        for (int i = 0; i < 200; i++)
        {
            string token = TestConfigs.Token("dev1", TimeSpan.FromHours(2) + TimeSpan.FromSeconds(i));
            string sig = TestConfigs.Sign(token);
            if (!sig.Contains('/')) continue;
            string rawSlash = sig.Replace("+", "%2B").Replace("=", "%3D");
            Assert.Contains('/', rawSlash);
            Assert.True((await Run(a, $"u?x-amz-customauthorizer-signature={rawSlash}&token={token}")).Allowed);
            return;
        }
        Assert.Fail("no signature with '/' found");
    }

    [Fact]
    public async Task MissingTokenOrSignatureNeverInvokes()
    {
        var (a, inv) = Create();
        string token = TestConfigs.Token("dev1");
        var noToken = await Run(a, $"u?x-amz-customauthorizer-signature={Uri.EscapeDataString(TestConfigs.Sign(token))}");
        Assert.Contains("token missing", noToken.Rule);
        var noSig = await Run(a, $"u?token={token}");
        Assert.Contains("signature missing", noSig.Rule);
        var plain = await Run(a, "plainuser");
        Assert.False(plain.Allowed);
        Assert.Equal(0, inv.Count);
    }

    [Fact]
    public async Task SecondQuestionMarkRefusedBeforeInvocation()
    {
        var (a, inv) = Create();
        var o = await Run(a, TestConfigs.GoodUsername("dev1") + "?SDK=x");
        Assert.False(o.Allowed);
        Assert.Contains("second '?'", o.Rule);
        Assert.Equal(0, inv.Count);
    }

    [Fact]
    public async Task SelectionRules()
    {
        var (a, inv) = Create();
        string t = TestConfigs.Token("dev1");
        string s = TestConfigs.Sign(t);
        // Unknown authorizer.
        Assert.Contains("does not exist", (await Run(a, TestConfigs.Username(t, s, "Nope"))).Rule);
        // INACTIVE never invoked.
        var inactive = await Run(a, TestConfigs.Username(t, s, "Inactive"));
        Assert.Contains("INACTIVE", inactive.Rule);
        // Override not allowed on a domain whose default is another authorizer.
        var locked = new EndpointAuthSettings("domain x", "Inactive", false);
        Assert.Contains("allowAuthorizerOverride is false", (await Run(a, TestConfigs.Username(t, s), ep: locked)).Rule);
        // No name and no default.
        var none = new EndpointAuthSettings("domain y", null, true);
        Assert.Contains("no authorizer", (await Run(a, TestConfigs.Username(t, s, authorizer: null), ep: none)).Rule);
        Assert.Equal(0, inv.Count);
        // No name: the default is used.
        Assert.True((await Run(a, TestConfigs.Username(t, s, authorizer: null))).Allowed);
        // Naming the default on a locked endpoint is fine.
        Assert.True((await Run(a, TestConfigs.Username(t, s), ep: new EndpointAuthSettings("d", TestConfigs.Authorizer, false))).Allowed);
    }

    [Fact]
    public async Task AuthorizerDenialIsReported()
    {
        var (a, inv) = Create();
        string t = TestConfigs.Token("other-client");
        var o = await Run(a, TestConfigs.Username(t, TestConfigs.Sign(t)), clientId: "dev1");
        Assert.False(o.Allowed);
        Assert.True(o.Invoked);
        Assert.Contains("isAuthenticated: false", o.Rule);
        Assert.Equal(1, inv.Count);
    }

    [Fact]
    public async Task SigningDisabledInvokesWithSignatureVerifiedFalse()
    {
        string allow = """{"isAuthenticated":true,"principalId":"p1","policyDocuments":["{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iot:*\",\"Resource\":\"*\"}]}"],"disconnectAfterInSeconds":3600,"refreshAfterInSeconds":600}""";
        var (a, inv) = Create(answer: _ => allow);
        var o = await Run(a, "u?x-amz-customauthorizer-name=NoSigning", password: [0x41]);
        Assert.True(o.Allowed, o.Rule);
        Assert.Equal(3600, o.DisconnectAfterSeconds);
        Assert.Equal(600, o.RefreshAfterSeconds);
        Assert.Equal("p1", o.PrincipalId);
        Assert.Contains("\"signatureVerified\":false", inv.LastEvent);
        Assert.DoesNotContain("\"token\"", inv.LastEvent);
    }

    [Fact]
    public async Task PlainUsernameReachesASigningDisabledDefaultAuthorizer()
    {
        string allow = """{"isAuthenticated":true,"principalId":"p1","policyDocuments":[]}""";
        var (a, inv) = Create(answer: _ => allow);
        var o = await Run(a, "alice", ep: new EndpointAuthSettings("domain z", "NoSigning", false), password: "pw"u8.ToArray());
        Assert.True(o.Allowed, o.Rule);
        Assert.Equal(1, inv.Count);
        Assert.Contains("\"username\":\"alice\"", inv.LastEvent);
        Assert.Contains("\"password\":\"cHc=\"", inv.LastEvent);
    }

    [Theory]
    [InlineData("not json", "Lambda invocation result is in invalid format")]
    [InlineData("{\"principalId\":\"p\"}", "Lambda invocation result is in invalid format")]
    [InlineData("{\"isAuthenticated\":true,\"principalId\":\"bad-id\",\"policyDocuments\":[]}", "Lambda invocation result is in invalid format")]
    [InlineData("{\"isAuthenticated\":true,\"principalId\":\"p\"}", "List of policies cannot be null")]
    [InlineData("{\"isAuthenticated\":true,\"principalId\":\"p\",\"policyDocuments\":[\"{}\"]}", "Policy document is Malformed")]
    [InlineData("{\"isAuthenticated\":true,\"principalId\":\"p\",\"policyDocuments\":[],\"disconnectAfterInSeconds\":10}", "Member must be greater than 5 minutes and less than 24 hours")]
    [InlineData("{\"isAuthenticated\":true,\"principalId\":\"p\",\"policyDocuments\":[],\"refreshAfterInSeconds\":90000}", "Member must be greater than 5 minutes and less than 24 hours")]
    public async Task InvalidResponsesUseAwsWording(string response, string wording)
    {
        var (a, _) = Create(answer: _ => response);
        var o = await Run(a, "u?x-amz-customauthorizer-name=NoSigning");
        Assert.False(o.Allowed);
        Assert.Contains(wording, o.Rule);
    }

    [Fact]
    public async Task TooManyAndTooLargePolicies()
    {
        string p = "\"{\\\"Statement\\\":{\\\"Effect\\\":\\\"Allow\\\",\\\"Action\\\":\\\"iot:*\\\",\\\"Resource\\\":\\\"*\\\"}}\"";
        string eleven = "{\"isAuthenticated\":true,\"principalId\":\"p\",\"policyDocuments\":[" + string.Join(",", Enumerable.Repeat(p, 11)) + "]}";
        var (a, _) = Create(answer: _ => eleven);
        Assert.Contains("Number of policies allowed cannot exceed 10", (await Run(a, "u?x-amz-customauthorizer-name=NoSigning")).Rule);
        string big = "{\"isAuthenticated\":true,\"principalId\":\"p\",\"policyDocuments\":[\"" + new string(' ', 2100) + "\"]}";
        var (b, _) = Create(answer: _ => big);
        Assert.Contains("Size of a policy document cannot exceeds hard limit of 2048", (await Run(b, "u?x-amz-customauthorizer-name=NoSigning")).Rule);
    }

    [Fact]
    public async Task RulesAndHintsNeverContainSecrets()
    {
        var (a, _) = Create();
        string t = TestConfigs.Token("other");
        string s = TestConfigs.Sign(t);
        foreach (string u in new[] { TestConfigs.Username(t, s), TestConfigs.Username(t, "AAAA" + s[4..]), TestConfigs.Username(t, s) + "?x" })
        {
            var o = await Run(a, u, password: "hunter2"u8.ToArray());
            string text = o.Rule + " " + o.Hint + " " + o.AuthorizerNote;
            Assert.DoesNotContain(t, text);
            Assert.DoesNotContain(s[..20], text);
            Assert.DoesNotContain("hunter2", text);
        }
    }
}
