using System.Security.Cryptography;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.CustomAuth.Signing;

namespace AwsIotDevice.Provisioning.Tests;

/// <summary>
/// <c>iotctl provision</c>'s logic end to end: the tool opens the slave of a pseudo-terminal by path (System.IO.Ports, as
/// for a UART), the firmware's ProvisioningSession serves the master.
/// </summary>
public class ProvisionerTests
{
    // Generous for a loaded machine: these bound the tests, they are not what the tests measure.
    private static readonly ProvisioningTimeouts Bounded = new() { Hello = TimeSpan.FromSeconds(3), Command = TimeSpan.FromSeconds(5), Commit = TimeSpan.FromSeconds(5) };

    private static (int Exit, string Out, string Err) Run(ProvisionRequest request, ProvisioningTimeouts? timeouts = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = Provisioner.Run(request, output, error, timeouts: timeouts ?? Bounded);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Provisions_a_new_device_from_a_settings_file_with_a_signature_made_on_the_spot()
    {
        string file = TestData.TempFile(TestData.SettingsFileText());
        (string keyFile, RSA key) = TestData.PrivateKeyFile();
        using (key)
        using (var device = new DeviceOnPty())
        {
            var (exit, output, error) = Run(new ProvisionRequest { Port = device.Port, SettingsFile = file, SignWith = keyFile });

            Assert.Equal(string.Empty, error);
            Assert.Equal(Provisioner.ExitOk, exit);
            DeviceSettings stored = Assert.IsType<DeviceSettings>(device.Stored);
            Assert.Empty(SettingsValidator.Validate(stored));
            Assert.Equal("Test Net ☕", stored.WifiSsid);
            Assert.Equal(TestData.WifiPassword, stored.WifiPassword);
            Assert.Equal(TestData.Token, stored.Token);
            Assert.Equal(TestData.MqttPassword, stored.MqttPassword);
            Assert.Equal("domain\\device", stored.MqttUsername);
            Assert.True(key.VerifyData(System.Text.Encoding.UTF8.GetBytes(TestData.Token), Convert.FromBase64String(stored.Signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
            Assert.NotNull(device.Host.Committed);

            string[] lines = output.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
            Assert.StartsWith($"HELLO {device.Port}: OK protocol=1", lines[0]);
            Assert.Equal($"SIGN aws.token with {keyFile}: aws.signature=<secret>", lines[1]);
            Assert.Contains("SET wifi.password=<secret>: OK wifi.password=<set>", lines);
            Assert.Contains("SET aws.token=<secret>: OK aws.token=<set>", lines);
            Assert.Contains("SET aws.signature=<secret>: OK aws.signature=<set>", lines);
            Assert.Contains("SET mqtt.username=domain\\\\device: OK mqtt.username=domain\\\\device", lines);
            Assert.Equal("COMMIT: OK committed", lines[^1]);
            Assert.Equal(2 + 13 + 1, lines.Length);
            TestData.AssertNoSecrets(output);
            Assert.DoesNotContain(stored.Signature, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_signature_sent_is_byte_identical_to_openssl_when_openssl_is_installed()
    {
        string file = TestData.TempFile(TestData.SettingsFileText());
        (string keyFile, RSA key) = TestData.PrivateKeyFile();
        using (key)
        using (var device = new DeviceOnPty())
        {
            Assert.Equal(Provisioner.ExitOk, Run(new ProvisionRequest { Port = device.Port, SettingsFile = file, SignWith = keyFile }).Exit);
            string expected = OpenSsl.SignBase64(keyFile, TestData.Token);

            Assert.Equal(expected, device.Stored!.Signature);
            Assert.Equal(TokenSignature.Sign(key, TestData.Token), device.Stored!.Signature);
        }
    }

    [Fact]
    public void Set_pairs_are_sent_with_aws_mode_before_aws_port()
    {
        using var device = new DeviceOnPty(TestData.DomainModeDevice());

        // Switching a domain-mode device on 8883 to alpn on 443 works in either order; the switch back (below) works
        // only with aws.mode first, because the device refuses aws.port=8883 while in alpn mode on an AWS endpoint.
        var (exit, output, error) = Run(new ProvisionRequest { Port = device.Port, Set = ["aws.port=443", "aws.mode=alpn"] });

        Assert.Equal(string.Empty, error);
        Assert.Equal(Provisioner.ExitOk, exit);
        Assert.True(output.IndexOf("SET aws.mode=alpn", StringComparison.Ordinal) < output.IndexOf("SET aws.port=443", StringComparison.Ordinal));
        Assert.Equal(443, device.Stored!.Port);
        Assert.Equal("alpn", device.Stored!.Mode);

        var back = Run(new ProvisionRequest { Port = device.Port, Set = ["aws.port=8883", "aws.mode=domain"] });
        Assert.Equal(string.Empty, back.Err);
        Assert.Equal(Provisioner.ExitOk, back.Exit);
        Assert.Equal(8883, device.Stored!.Port);
    }

    [Fact]
    public void A_value_refused_at_commit_keeps_the_old_settings_aborts_and_exits_non_zero()
    {
        using var device = new DeviceOnPty(TestData.DomainModeDevice());

        // aws.mode=alpn is accepted at SET time (the problem is then aws.port's), but the whole configuration is not.
        var (exit, output, error) = Run(new ProvisionRequest { Port = device.Port, Set = ["aws.mode=alpn", $"wifi.password={TestData.WifiPassword}"] });

        Assert.Equal(Provisioner.ExitDeviceFailed, exit);
        Assert.Contains("SET aws.mode=alpn: OK", output);
        Assert.StartsWith("iotctl provision: COMMIT: the device refused (invalid): 1 problem(s), previous settings kept: aws.port: aws.port is 8883 but aws.mode is alpn", error);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("ABORT: OK", output);
        Assert.Equal(0, device.Store.Saves);
        Assert.Null(device.Host.Committed);
        TestData.AssertNoSecrets(output + error);

        // Nothing stayed staged either: a later status shows staged=0.
        var status = Run(new ProvisionRequest { Port = device.Port, Status = true });
        Assert.Contains("staged=0", status.Out);
    }

    [Fact]
    public void A_value_refused_at_set_stops_there_aborts_and_surfaces_the_devices_message()
    {
        using var device = new DeviceOnPty();

        var (exit, output, error) = Run(new ProvisionRequest { Port = device.Port, Set = ["wifi.ssid=Net", "telemetry.qos=2", "telemetry.queueCapacity=5"] });

        Assert.Equal(Provisioner.ExitDeviceFailed, exit);
        Assert.StartsWith("iotctl provision: SET telemetry.qos=2: the device refused (invalid): telemetry.qos is 2: AWS IoT does not support QoS 2", error);
        Assert.EndsWith("(nothing was changed)", error.TrimEnd());
        Assert.Contains("SET wifi.ssid=Net: OK", output);
        Assert.DoesNotContain("telemetry.queueCapacity", output);
        Assert.Contains("ABORT: OK", output);
        Assert.Equal(0, device.Store.Saves);
    }

    [Fact]
    public void A_storage_failure_at_commit_is_reported_and_non_zero()
    {
        var store = new MemorySettingsStore { Fail = true };
        string file = TestData.TempFile(TestData.SettingsFileText(withToken: false));
        using var device = new DeviceOnPty(store: store);

        var (exit, _, error) = Run(new ProvisionRequest { Port = device.Port, SettingsFile = file });

        Assert.Equal(Provisioner.ExitDeviceFailed, exit);
        Assert.Contains("COMMIT: the device refused (storage): could not store the settings (IOException); previous settings kept", error);
    }

    [Fact]
    public void Status_prints_the_devices_status_line()
    {
        using var device = new DeviceOnPty();

        var (exit, output, error) = Run(new ProvisionRequest { Port = device.Port, Status = true });

        Assert.Equal(string.Empty, error);
        Assert.Equal(Provisioner.ExitOk, exit);
        Assert.EndsWith($"STATUS: OK {FakeDeviceControl.StatusText} staged=0", output.TrimEnd());
        Assert.Equal(2, output.TrimEnd().Split('\n').Length);
    }

    [Fact]
    public void Status_with_settings_comes_after_the_commit()
    {
        using var device = new DeviceOnPty();
        string file = TestData.TempFile(TestData.SettingsFileText(withToken: false));

        var (exit, output, _) = Run(new ProvisionRequest { Port = device.Port, SettingsFile = file, Status = true });

        Assert.Equal(Provisioner.ExitOk, exit);
        Assert.True(output.IndexOf("COMMIT: OK", StringComparison.Ordinal) < output.IndexOf("STATUS: OK", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_key_is_refused_before_anything_is_sent()
    {
        using var peer = new ScriptedPeer(_ => "OK HELLO protocol=1 device=AwsIotDevice maxLine=8192");

        var (exit, output, error) = Run(new ProvisionRequest { Port = peer.Port, Set = ["wifi.ssid=Net", $"wifi.pasword={TestData.WifiPassword}"] });

        Assert.Equal(Provisioner.ExitBadInput, exit);
        Assert.StartsWith("iotctl provision: --set: unknown setting 'wifi.pasword'; known settings: wifi.ssid, wifi.password,", error);
        Assert.Equal(string.Empty, output);
        Assert.Empty(peer.ReceivedBeforeSentinel("SENTINEL", TimeSpan.FromSeconds(5)));
        TestData.AssertNoSecrets(error);
    }

    [Fact]
    public void A_value_too_long_for_one_line_is_refused_before_anything_is_sent()
    {
        using var peer = new ScriptedPeer(_ => "OK HELLO protocol=1 device=AwsIotDevice maxLine=8192");

        var (exit, _, error) = Run(new ProvisionRequest { Port = peer.Port, Set = ["wifi.ssid=Net", "aws.token=" + TestData.Token + new string('x', 9000)] });

        Assert.Equal(Provisioner.ExitBadInput, exit);
        Assert.Equal("iotctl provision: SET aws.token=<secret>: the value is too long; the device accepts command lines of at most 8192 characters (nothing was sent)", error.TrimEnd());
        Assert.Empty(peer.ReceivedBeforeSentinel("SENTINEL", TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void No_device_on_the_port_gives_the_provisioning_mode_hint()
    {
        using var peer = new ScriptedPeer(_ => null);

        var (exit, _, error) = Run(new ProvisionRequest { Port = peer.Port, Set = [$"wifi.password={TestData.WifiPassword}"] }, Bounded with { Hello = TimeSpan.FromMilliseconds(500) });

        Assert.Equal(Provisioner.ExitDeviceFailed, exit);
        Assert.Equal(
            $"iotctl provision: no answer from the device on {peer.Port} within 0.5 s: is it in provisioning mode (hold the provisioning pin at reset), wired RX<->TX, 115200 baud?",
            error.TrimEnd());
        Assert.DoesNotContain(peer.Received, line => line.StartsWith("SET", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_port_is_bad_input_with_a_hint()
    {
        var (exit, output, error) = Run(new ProvisionRequest { Port = "/dev/ttyUSB-nope", Status = true });

        Assert.Equal(Provisioner.ExitBadInput, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal("iotctl provision: /dev/ttyUSB-nope: cannot open: no such port: check the path (ls /dev/ttyUSB* /dev/ttyACM* /dev/cu.*, or COMn in Device Manager) and that the board is plugged in", error.TrimEnd());
    }

    [Fact]
    public void A_device_unplugged_mid_session_is_one_line_and_exit_1_without_a_stack_trace()
    {
        ScriptedPeer? self = null;
        using var peer = self = new ScriptedPeer(line =>
        {
            if (line == "HELLO")
            {
                return "OK HELLO protocol=1 device=AwsIotDevice maxLine=8192";
            }

            if (line.StartsWith("SET", StringComparison.Ordinal))
            {
                self!.Unplug();
            }

            return null;
        });

        var (exit, output, error) = Run(new ProvisionRequest { Port = peer.Port, Set = ["wifi.ssid=Home", $"wifi.password={TestData.WifiPassword}"] });

        Assert.Equal(Provisioner.ExitDeviceFailed, exit);
        Assert.StartsWith($"HELLO {peer.Port}: OK", output);
        Assert.Equal(
            $"iotctl provision: {peer.Port} closed while waiting for the answer to SET: was the device unplugged or reset? reconnect it and run the command again",
            error.TrimEnd());
        TestData.AssertNoSecrets(output + error);
    }

    [Fact]
    public void A_peer_that_echoes_commands_is_reported_without_leaking_the_secret_it_echoed()
    {
        using var peer = new ScriptedPeer(line => line == "HELLO" ? "OK HELLO protocol=1 device=AwsIotDevice maxLine=8192" : line);

        var (exit, output, error) = Run(new ProvisionRequest { Port = peer.Port, Set = [$"mqtt.password={TestData.MqttPassword}"] });

        Assert.Equal(Provisioner.ExitDeviceFailed, exit);
        Assert.Contains("answered SET with '(an echo of the SET command)', which is neither OK nor ERR", error);
        TestData.AssertNoSecrets(output + error);
        Assert.Contains("ABORT", peer.Received);
    }

    [Fact]
    public void A_device_speaking_another_protocol_version_is_refused()
    {
        using var peer = new ScriptedPeer(_ => "OK HELLO protocol=2 device=AwsIotDevice maxLine=8192");

        var (exit, _, error) = Run(new ProvisionRequest { Port = peer.Port, Status = true });

        Assert.Equal(Provisioner.ExitDeviceFailed, exit);
        Assert.Contains("speaks provisioning protocol 2, this tool speaks 1", error);
    }

    [Fact]
    public void Secrets_never_reach_the_output_on_any_path()
    {
        string file = TestData.TempFile(TestData.SettingsFileText());
        (string keyFile, RSA key) = TestData.PrivateKeyFile();
        using (key)
        using (var device = new DeviceOnPty(TestData.DomainModeDevice()))
        {
            var runs = new List<(int Exit, string Out, string Err)>
            {
                Run(new ProvisionRequest { Port = device.Port, SettingsFile = file, SignWith = keyFile, Status = true }),
                Run(new ProvisionRequest { Port = device.Port, Set = [$"wifi.password=short", $"aws.token={TestData.Token}"] }),
                Run(new ProvisionRequest { Port = device.Port, Set = [$"aws.token={TestData.Token}", $"mqtt.password={TestData.MqttPassword}", "aws.signature=not base64!"] }),
                Run(new ProvisionRequest { Port = device.Port, Set = [$"{TestData.WifiPassword}"] }),
                Run(new ProvisionRequest { Port = device.Port, Set = [$"wifi.password={TestData.WifiPassword} "] }),
                Run(new ProvisionRequest { Port = device.Port, Set = [$"aws.token={TestData.Token}", "aws.signature=x"], SignWith = keyFile }),
            };

            Assert.Equal([0, 1, 1, 2, 2, 2], runs.Select(r => r.Exit));
            foreach (var run in runs)
            {
                TestData.AssertNoSecrets(run.Out + run.Err);
            }

            Assert.DoesNotContain(device.Stored!.Signature, string.Concat(runs.Select(r => r.Out + r.Err)), StringComparison.Ordinal);
        }
    }
}
