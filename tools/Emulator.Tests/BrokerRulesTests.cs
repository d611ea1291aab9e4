using AwsIotDevice.Emulator.Broker;
using AwsIotDevice.Emulator.Config;

namespace AwsIotDevice.Emulator.Tests;

public class BrokerRulesTests
{
    [Theory]
    [InlineData(0, 1200)]
    [InlineData(1, 30)]
    [InlineData(29, 30)]
    [InlineData(30, 30)]
    [InlineData(600, 600)]
    [InlineData(1200, 1200)]
    [InlineData(1201, 1200)]
    [InlineData(65535, 1200)]
    public void KeepAliveClamp(int requested, int expected) => Assert.Equal(expected, KeepAliveRules.Clamp(requested));

    [Fact]
    public void IdleTimeoutIsOneAndAHalfTimes() => Assert.Equal(TimeSpan.FromSeconds(45), KeepAliveRules.IdleTimeout(30, 1));

    [Theory]
    [InlineData("a/b/c/d/e/f/g/h", true)]
    [InlineData("a/b/c/d/e/f/g/h/i", false)]
    [InlineData("$aws/rules/myRule/a/b/c/d/e/f/g/h", true)]
    [InlineData("$aws/rules/myRule/a/b/c/d/e/f/g/h/i", false)]
    [InlineData("$aws/things/x/shadow/update", true)]
    [InlineData("$SYS/broker", false)]
    [InlineData("a/+", false)]
    [InlineData("", false)]
    public void TopicNames(string topic, bool ok) => Assert.Equal(ok, AwsTopicRules.CheckTopicName(topic, new LimitsConfig()) is null);

    [Fact]
    public void TopicLengthLimit()
    {
        var limits = new LimitsConfig();
        Assert.Null(AwsTopicRules.CheckTopicName(new string('a', 256), limits));
        Assert.Contains("256", AwsTopicRules.CheckTopicName(new string('a', 257), limits));
        Assert.Contains("bytes", AwsTopicRules.CheckTopicName(new string('é', 129), limits));
    }

    [Theory]
    [InlineData("a/+/c", true)]
    [InlineData("a/#", true)]
    [InlineData("a/b#", false)]
    [InlineData("#/a", false)]
    public void TopicFilters(string filter, bool ok) => Assert.Equal(ok, AwsTopicRules.CheckTopicFilter(filter, new LimitsConfig()) is null);

    [Fact]
    public void ConnectThrottlePerClientId()
    {
        var state = new BrokerState(new EmulatorConfig());
        var t = DateTime.UtcNow;
        Assert.True(state.TryAdmitConnect("a", t));
        Assert.False(state.TryAdmitConnect("a", t.AddMilliseconds(500)));
        Assert.True(state.TryAdmitConnect("b", t.AddMilliseconds(500)));
        Assert.True(state.TryAdmitConnect("a", t.AddMilliseconds(1600)));
    }

    [Fact]
    public void RetainedOnlyForExactFilters()
    {
        var state = new BrokerState(new EmulatorConfig());
        state.Retain("a/b", [1], AwsIotDevice.Emulator.MqttCodec.Packets.MqttQos.AtLeastOnce);
        Assert.NotNull(state.RetainedFor("a/b"));
        Assert.Null(state.RetainedFor("a/+"));
        Assert.Null(state.RetainedFor("a/#"));
        state.Retain("a/b", [], AwsIotDevice.Emulator.MqttCodec.Packets.MqttQos.AtMostOnce);
        Assert.Null(state.RetainedFor("a/b"));
    }
}
