using FsCheck.Fluent;
using AwsIotDevice.Emulator.MqttCodec.Topics;
using AwsIotDevice.Emulator.MqttCodec.Tests.Support;

namespace AwsIotDevice.Emulator.MqttCodec.Tests;

/// <summary>Topic name/filter validation and matching (MQTT 3.1.1 section 4.7 examples).</summary>
public class TopicTests
{
    [Theory]
    [InlineData("sport/tennis/player1/#", "sport/tennis/player1", true)]
    [InlineData("sport/tennis/player1/#", "sport/tennis/player1/ranking", true)]
    [InlineData("sport/tennis/player1/#", "sport/tennis/player1/score/wimbledon", true)]
    [InlineData("sport/#", "sport", true)]
    [InlineData("#", "sport/tennis", true)]
    [InlineData("#", "/", true)]
    [InlineData("sport/tennis/+", "sport/tennis/player1", true)]
    [InlineData("sport/tennis/+", "sport/tennis/player1/ranking", false)]
    [InlineData("sport/+", "sport", false)]
    [InlineData("sport/+", "sport/", true)]
    [InlineData("+/+", "/finance", true)]
    [InlineData("/+", "/finance", true)]
    [InlineData("+", "/finance", false)]
    [InlineData("+/tennis/#", "sport/tennis", true)]
    [InlineData("a/b", "a/b", true)]
    [InlineData("a/b", "a/B", false)]
    [InlineData("a/b", "a/b/c", false)]
    [InlineData("a/b/c", "a/b", false)]
    [InlineData("a//b", "a//b", true)]
    [InlineData("a/+/b", "a//b", true)]
    [InlineData("#", "$SYS/uptime", false)]
    [InlineData("+/monitor/Clients", "$SYS/monitor/Clients", false)]
    [InlineData("$SYS/#", "$SYS/monitor/Clients", true)]
    [InlineData("$SYS/monitor/+", "$SYS/monitor/Clients", true)]
    [InlineData("$aws/things/+/shadow/update", "$aws/things/dev1/shadow/update", true)]
    public void Matches(string filter, string topic, bool expected)
    {
        Assert.True(MqttTopic.IsValidFilter(filter), filter);
        Assert.True(MqttTopic.IsValidName(topic), topic);
        Assert.Equal(expected, MqttTopic.Matches(filter, topic));
    }

    [Theory]
    [InlineData("#", true)]
    [InlineData("+", true)]
    [InlineData("a/#", true)]
    [InlineData("+/+/#", true)]
    [InlineData("/", true)]
    [InlineData("a/+/b", true)]
    [InlineData("", false)]
    [InlineData("a#", false)]
    [InlineData("a/#/b", false)]
    [InlineData("#/", false)]
    [InlineData("a+", false)]
    [InlineData("+a/b", false)]
    [InlineData("a/b+", false)]
    [InlineData("a\0b", false)]
    public void FilterValidation(string filter, bool valid) => Assert.Equal(valid, MqttTopic.IsValidFilter(filter));

    [Fact]
    public void LoneSurrogateIsNeitherNameNorFilter()
    {
        // Built here, not in [InlineData]: test-case serialization would replace the lone surrogate.
        string s = "a" + (char)0xD800;
        Assert.False(MqttTopic.IsValidFilter(s));
        Assert.Contains("surrogate", MqttTopic.CheckName(s));
    }

    [Theory]
    [InlineData("a/b", true)]
    [InlineData("/", true)]
    [InlineData("$SYS/x", true)]
    [InlineData("", false)]
    [InlineData("a/+", false)]
    [InlineData("a/#", false)]
    [InlineData("a\0", false)]
    public void NameValidation(string topic, bool valid) => Assert.Equal(valid, MqttTopic.IsValidName(topic));

    [Fact]
    public void EveryTopicMatchesItselfAndHash()
    {
        Props.ForAll(Generators.TopicName, t =>
        {
            Assert.True(MqttTopic.Matches(t, t));
            Assert.Equal(!t.StartsWith('$'), MqttTopic.Matches("#", t));
        }, 300);
    }

    [Fact]
    public void ReplacingOneLevelWithPlusStillMatches()
    {
        var gen = from t in Generators.TopicName
                  from i in Gen.Choose(0, 10)
                  select (t, i);
        Props.ForAll(gen, x =>
        {
            var levels = x.t.Split('/');
            int k = x.i % levels.Length;
            if (k == 0 && x.t.StartsWith('$')) return;
            levels[k] = "+";
            Assert.True(MqttTopic.Matches(string.Join('/', levels), x.t));
        }, 300);
    }
}
