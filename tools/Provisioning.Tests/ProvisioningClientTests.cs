using AwsIotDevice.Core.Provisioning;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.SerialLines;

namespace AwsIotDevice.Provisioning.Tests;

/// <summary>The client against the firmware's session over a real pseudo-terminal, and against peers that misbehave.</summary>
public class ProvisioningClientTests
{
    // Generous for a loaded machine: these bound the tests, they are not what the tests measure.
    private static readonly ProvisioningTimeouts Fast = new() { Hello = TimeSpan.FromSeconds(3), Command = TimeSpan.FromSeconds(5), Commit = TimeSpan.FromSeconds(5) };

    [Theory]
    [InlineData("FROB", "unknown-command", "unknown command; commands: HELLO, GET key, SET key value, COMMIT, ABORT, STATUS, REBOOT")]
    [InlineData("SET", "usage", "SET key value")]
    [InlineData("GET", "usage", "GET key (one of wifi.ssid,")]
    [InlineData("GET wifi.ssid extra", "usage", "GET key (one of")]
    [InlineData("GET wifi.nope", "unknown-key", "unknown setting; known settings: wifi.ssid,")]
    [InlineData("SET wifi.nope 1", "unknown-key", "unknown setting; known settings:")]
    [InlineData("SET aws.port eighty", "invalid", "aws.port 'eighty' must be a whole number between 1..65535")]
    [InlineData("COMMIT now", "usage", "COMMIT takes no arguments")]
    [InlineData("ABORT all", "usage", "ABORT takes no arguments")]
    public void Every_malformed_command_gets_the_devices_error_back(string command, string code, string messageStart)
    {
        using var device = new DeviceOnPty();
        using ISerialChannel port = SerialPortChannel.Open(device.Port, 115200);
        var client = new ProvisioningClient(port, Fast);

        DeviceReply reply = client.Send(command, TimeSpan.FromSeconds(3));

        Assert.False(reply.IsOk);
        Assert.Equal(code, reply.Code);
        Assert.StartsWith(messageStart, reply.Message);
        Assert.Equal($"ERR {code} {reply.Message}", reply.Line);
    }

    [Fact]
    public void An_oversized_line_is_answered_line_too_long_and_the_session_goes_on()
    {
        using var device = new DeviceOnPty();
        using ISerialChannel port = SerialPortChannel.Open(device.Port, 115200);
        var client = new ProvisioningClient(port, Fast);

        DeviceReply reply = client.Send("SET telemetry.topic " + new string('t', ProvisioningProtocol.MaxLineLength), TimeSpan.FromSeconds(5));

        Assert.Equal("line-too-long", reply.Code);
        Assert.Equal($"line longer than {ProvisioningProtocol.MaxLineLength} characters; nothing was changed", reply.Message);
        Assert.Equal(1, client.Hello().Protocol);
        Assert.Equal("telemetry.topic=", client.Get("telemetry.topic").Message);
    }

    [Fact]
    public void The_longest_line_the_device_accepts_gets_through()
    {
        using var device = new DeviceOnPty();
        using ISerialChannel port = SerialPortChannel.Open(device.Port, 115200);
        var client = new ProvisioningClient(port, Fast);
        string prefix = "SET aws.token ";
        string token = new string('k', SettingsValidator.MaxTokenLength);

        DeviceReply reply = client.Set(SettingKeys.AwsToken, token);

        Assert.True(reply.IsOk, reply.Line);
        Assert.True(prefix.Length + token.Length <= ProvisioningProtocol.MaxLineLength);
        Assert.Equal("aws.token=<set>", reply.Message);
    }

    [Fact]
    public void Values_with_line_breaks_and_backslashes_arrive_intact()
    {
        using var device = new DeviceOnPty(TestData.DomainModeDevice());
        using ISerialChannel port = SerialPortChannel.Open(device.Port, 115200);
        var client = new ProvisioningClient(port, Fast);
        string password = "line1\nline2\r\\end";

        Assert.True(client.Set(SettingKeys.MqttPassword, password).IsOk);
        Assert.True(client.Set(SettingKeys.MqttUsername, "a\\b").IsOk);
        Assert.Equal("mqtt.username=a\\\\b", client.Get(SettingKeys.MqttUsername).Message);
        Assert.Equal("OK committed", client.Commit().Line);

        Assert.Equal(password, device.Stored!.MqttPassword);
        Assert.Equal("a\\b", device.Stored!.MqttUsername);
    }

    [Fact]
    public void Get_shows_secrets_only_as_set_or_not_set()
    {
        using var device = new DeviceOnPty();
        using ISerialChannel port = SerialPortChannel.Open(device.Port, 115200);
        var client = new ProvisioningClient(port, Fast);

        Assert.Equal("wifi.password=<not set>", client.Get(SettingKeys.WifiPassword).Message);
        Assert.True(client.Set(SettingKeys.WifiPassword, TestData.WifiPassword).IsOk);
        Assert.Equal("wifi.password=<set>", client.Get(SettingKeys.WifiPassword).Message);
        Assert.Equal("OK aborted", client.Abort().Line);
        Assert.Equal("wifi.password=<not set>", client.Get(SettingKeys.WifiPassword).Message);
    }

    [Fact]
    public void Reboot_is_answered_before_the_device_restarts()
    {
        using var device = new DeviceOnPty();
        using ISerialChannel port = SerialPortChannel.Open(device.Port, 115200);
        var client = new ProvisioningClient(port, Fast);

        Assert.Equal("OK rebooting", client.Reboot().Line);
        SpinWait.SpinUntil(() => device.Host.Reboots > 0, 2000);
        Assert.Equal(1, device.Host.Reboots);
    }

    [Fact]
    public void Hello_skips_boot_chatter_before_the_answer()
    {
        using var peer = new ScriptedPeer(line => line == "HELLO" ? "rst:0x1 (POWERON_RESET),boot:0x13\r\nets Jun  8 2016 00:22:57\r\nOK HELLO protocol=1 device=AwsIotDevice maxLine=8192" : null);
        using ISerialChannel port = SerialPortChannel.Open(peer.Port, 115200);

        HelloInfo hello = new ProvisioningClient(port, Fast).Hello();

        Assert.Equal(1, hello.Protocol);
        Assert.Equal("AwsIotDevice", hello.Device);
        Assert.Equal(8192, hello.MaxLine);
    }

    [Fact]
    public void A_reply_that_is_not_the_protocol_is_an_error_naming_the_command()
    {
        using var peer = new ScriptedPeer(line => line == "HELLO" ? "OK HELLO protocol=1" : "Guru Meditation Error");
        using ISerialChannel port = SerialPortChannel.Open(peer.Port, 115200);
        var client = new ProvisioningClient(port, Fast);
        client.Hello();

        var error = Assert.Throws<ProvisioningException>(() => client.Status());

        Assert.Equal(ProvisioningFailure.Communication, error.Kind);
        Assert.Equal($"the device on {peer.Port} answered STATUS with 'Guru Meditation Error', which is neither OK nor ERR: is something else (a console, a boot log, an echo) on this port?", error.Message);
    }

    [Fact]
    public void A_hello_answered_with_err_is_an_error()
    {
        using var peer = new ScriptedPeer(_ => "ERR unknown-command what");
        using ISerialChannel port = SerialPortChannel.Open(peer.Port, 115200);

        var error = Assert.Throws<ProvisioningException>(() => new ProvisioningClient(port, Fast).Hello());

        Assert.Contains("answered HELLO with 'ERR unknown-command what'", error.Message);
    }

    [Fact]
    public void A_late_answer_to_an_earlier_command_is_not_taken_for_the_next_ones()
    {
        int calls = 0;
        using var clientGaveUp = new ManualResetEventSlim();
        using var peer = new ScriptedPeer(line =>
        {
            if (line == "STATUS" && Interlocked.Increment(ref calls) == 1)
            {
                // Answer only after the client stopped waiting for it.
                clientGaveUp.Wait(5000);
                return "OK late status";
            }

            return line == "HELLO" ? "OK HELLO protocol=1" : "OK " + line;
        });
        using ISerialChannel port = SerialPortChannel.Open(peer.Port, 115200);
        var client = new ProvisioningClient(port, Fast);

        Assert.Throws<ProvisioningException>(() => client.Send("STATUS", TimeSpan.FromMilliseconds(300)));
        clientGaveUp.Set();

        // The late answer is on the line (written to the pty) before the next command goes out.
        Assert.True(peer.WaitFor((_, answers) => answers >= 1, TimeSpan.FromSeconds(5)), "the late answer was never written");

        Assert.Equal("OK ABORT", client.Abort().Line);
    }

    [Fact]
    public void The_line_closing_while_waiting_is_an_error_not_a_hang()
    {
        var peer = new ScriptedPeer(_ => null);
        using ISerialChannel port = SerialPortChannel.Open(peer.Port, 115200);
        var client = new ProvisioningClient(port, Fast);
        var closer = new Thread(() =>
        {
            // Close once the client has sent STATUS, i.e. while it waits for the answer.
            peer.WaitFor((lines, _) => lines.Contains("STATUS"), TimeSpan.FromSeconds(5));
            peer.Dispose();
        });
        closer.Start();

        var error = Assert.Throws<ProvisioningException>(() => client.Send("STATUS", TimeSpan.FromSeconds(5)));

        Assert.True(closer.Join(5000));
        Assert.Equal($"{peer.Port} closed while waiting for the answer to STATUS: was the device unplugged or reset? reconnect it and run the command again", error.Message);
        Assert.Equal(ProvisioningFailure.LineClosed, error.Kind);
    }

    [Theory]
    [InlineData("wifi.password", "p", "SET wifi.password=<secret>")]
    [InlineData("aws.token", "t", "SET aws.token=<secret>")]
    [InlineData("aws.signature", "s", "SET aws.signature=<secret>")]
    [InlineData("mqtt.password", "m", "SET mqtt.password=<secret>")]
    [InlineData("wifi.ssid", "Home\nNet", "SET wifi.ssid=Home\\nNet")]
    public void Describe_hides_every_secret_and_keeps_one_line(string key, string value, string expected)
    {
        Assert.Equal(expected, ProvisioningClient.Describe(key, value));
    }
}
