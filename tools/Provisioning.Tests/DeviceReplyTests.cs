namespace AwsIotDevice.Provisioning.Tests;

public class DeviceReplyTests
{
    [Theory]
    [InlineData("OK", true, null, "")]
    [InlineData("OK committed", true, null, "committed")]
    [InlineData("OK wifi.ssid=a b", true, null, "wifi.ssid=a b")]
    [InlineData("ERR invalid aws.port is 8883", false, "invalid", "aws.port is 8883")]
    [InlineData("ERR storage", false, "storage", "")]
    public void Parses_ok_and_err_replies(string line, bool ok, string? code, string message)
    {
        Assert.True(DeviceReply.TryParse(line, out DeviceReply reply));
        Assert.Equal(ok, reply.IsOk);
        Assert.Equal(code, reply.Code);
        Assert.Equal(message, reply.Message);
        Assert.Equal(line, reply.Line);
    }

    [Theory]
    [InlineData("")]
    [InlineData("OKAY")]
    [InlineData("ok committed")]
    [InlineData("ERR")]
    [InlineData("ERROR invalid x")]
    [InlineData("HELLO")]
    public void Refuses_lines_that_are_not_replies(string line)
    {
        Assert.False(DeviceReply.TryParse(line, out _));
    }

    [Theory]
    [InlineData("HELLO protocol=1 device=AwsIotDevice maxLine=8192", true)]
    [InlineData("HELLO protocol=7", true)]
    [InlineData("HELLO device=AwsIotDevice", false)]
    [InlineData("HELLO protocol=x", false)]
    [InlineData("committed", false)]
    public void Parses_hello_answers(string message, bool ok)
    {
        Assert.Equal(ok, HelloInfo.TryParse(message, out HelloInfo info));
        if (ok)
        {
            Assert.True(info.Protocol > 0);
        }
    }
}
