using AwsIotDevice.Core.Settings;

namespace AwsIotDevice.Provisioning.Tests;

public class ProvisionPlanTests
{
    private static ProvisioningException Refused(ProvisionRequest request)
    {
        var error = Assert.Throws<ProvisioningException>(() => ProvisionPlan.From(request));
        Assert.Equal(ProvisioningFailure.BadInput, error.Kind);
        TestData.AssertNoSecrets(error.Message);
        return error;
    }

    [Fact]
    public void Orders_settings_canonically_with_aws_mode_before_aws_port()
    {
        var plan = ProvisionPlan.From(new ProvisionRequest
        {
            Port = "p",
            Set = ["telemetry.topic=t", "aws.port=443", "wifi.ssid=s", "aws.mode=alpn", "aws.endpoint=e", "aws.signature=AAAA", "aws.token=x"],
        });

        Assert.Equal(
            ["wifi.ssid", "aws.endpoint", "aws.mode", "aws.port", "aws.token", "aws.signature", "telemetry.topic"],
            plan.Settings.Select(s => s.Key));
    }

    [Fact]
    public void Set_values_are_literal_and_may_contain_equals_signs()
    {
        var plan = ProvisionPlan.From(new ProvisionRequest { Port = "p", Set = ["aws.signature=ab+/cd==", "wifi.ssid=a\\nb"] });

        Assert.Equal("a\\nb", plan.Settings.Single(s => s.Key == "wifi.ssid").Value);
        Assert.Equal("ab+/cd==", plan.Settings.Single(s => s.Key == "aws.signature").Value);
    }

    [Fact]
    public void A_file_sends_only_the_keys_it_names_with_codec_escapes_undone()
    {
        string file = TestData.TempFile("\uFEFF# comment\n  wifi.ssid = Net\r\n\nmqtt.password=a\\\\b\\nc\n");

        var plan = ProvisionPlan.From(new ProvisionRequest { Port = "p", SettingsFile = file });

        Assert.Equal(
            [new KeyValuePair<string, string>("wifi.ssid", " Net"), new KeyValuePair<string, string>("mqtt.password", "a\\b\nc")],
            plan.Settings);
    }

    [Fact]
    public void File_errors_name_the_file_and_lines_but_never_the_values()
    {
        string file = TestData.TempFile($"wifi.ssid=Net\n{TestData.WifiPassword}\nwifi.pasword={TestData.WifiPassword}\nmqtt.password=bad\\q{TestData.MqttPassword}\n");

        var error = Refused(new ProvisionRequest { Port = "p", SettingsFile = file });

        Assert.StartsWith($"{file}: line 2: expected key=value but found no '='", error.Message);
        Assert.Contains("; line 3: unknown setting 'wifi.pasword'", error.Message);
        Assert.Contains("; line 4: the value of mqtt.password has a bad escape", error.Message);
        Assert.EndsWith("(nothing was sent)", error.Message);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("directory")]
    [InlineData("empty")]
    [InlineData("latin1")]
    public void Unusable_files_are_refused_with_the_reason(string kind)
    {
        string path = kind switch
        {
            "missing" => "/nonexistent/settings.txt",
            "directory" => Path.GetTempPath(),
            "empty" => TestData.TempFile("# nothing\n"),
            _ => TestData.TempFile(string.Empty),
        };
        if (kind == "latin1")
        {
            File.WriteAllBytes(path, [(byte)'w', (byte)'i', (byte)'f', (byte)'i', (byte)'.', (byte)'s', (byte)'s', (byte)'i', (byte)'d', (byte)'=', 0xE9, (byte)'\n']);
        }

        string expected = kind switch
        {
            "missing" => "file not found",
            "directory" => "is a directory",
            "empty" => "sets no setting",
            _ => "is not UTF-8 text",
        };

        Assert.Contains(expected, Refused(new ProvisionRequest { Port = "p", SettingsFile = path }).Message);
    }

    [Fact]
    public void Argument_mistakes_are_refused_before_anything_is_sent()
    {
        Assert.Contains("not both", Refused(new ProvisionRequest { Port = "p", Set = ["wifi.ssid=a"], SettingsFile = "f" }).Message);
        Assert.StartsWith("nothing to do", Refused(new ProvisionRequest { Port = "p" }).Message);
        Assert.Contains("wifi.ssid is given twice", Refused(new ProvisionRequest { Port = "p", Set = ["wifi.ssid=a", "wifi.ssid=b"] }).Message);
        Assert.StartsWith("--set number 2 has no '='", Refused(new ProvisionRequest { Port = "p", Set = ["wifi.ssid=a", TestData.WifiPassword] }).Message);
        Assert.Contains("needs aws.token", Refused(new ProvisionRequest { Port = "p", Status = true, SignWith = "k.pem" }).Message);
        Assert.Contains("needs aws.token", Refused(new ProvisionRequest { Port = "p", Set = ["wifi.ssid=a"], SignWith = "k.pem" }).Message);
        Assert.StartsWith("--baud 0 is not a speed", Refused(new ProvisionRequest { Port = "p", Status = true, Baud = 0 }).Message);
        Assert.StartsWith("--port is empty", Refused(new ProvisionRequest { Port = " ", Status = true }).Message);
        Assert.Contains("white space", Refused(new ProvisionRequest { Port = "p", Set = [$"mqtt.password={TestData.MqttPassword}\t"] }).Message);
    }

    [Fact]
    public void A_bad_signing_key_is_reported_with_its_file()
    {
        string notAKey = TestData.TempFile("hello");

        var error = Refused(new ProvisionRequest { Port = "p", Set = [$"aws.token={TestData.Token}"], SignWith = notAKey });

        Assert.StartsWith($"--sign-with {notAKey}: no PEM block found", error.Message);
    }

    [Fact]
    public void Sign_with_adds_a_verifiable_signature_after_the_token()
    {
        (string keyFile, var key) = TestData.PrivateKeyFile();
        using (key)
        {
            var plan = ProvisionPlan.From(new ProvisionRequest { Port = "p", Set = [$"aws.token={TestData.Token}", "mqtt.clientId=c"], SignWith = keyFile });

            Assert.Equal(["aws.token", "aws.signature", "mqtt.clientId"], plan.Settings.Select(s => s.Key));
            Assert.True(CustomAuth.Signing.TokenSignature.Verify(key, TestData.Token, plan.Settings[1].Value));
            Assert.Equal(keyFile, plan.SignedWith);
        }
    }

    [Fact]
    public void Every_known_key_can_be_planned()
    {
        var plan = ProvisionPlan.From(new ProvisionRequest { Port = "p", Set = SettingKeys.All().Select(k => k + "=v").ToArray() });

        Assert.Equal(SettingKeys.Count, plan.Settings.Count);
    }
}
