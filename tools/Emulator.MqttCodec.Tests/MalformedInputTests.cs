using AwsIotDevice.Emulator.MqttCodec.Formatting;
using AwsIotDevice.Emulator.MqttCodec.Packets;
using AwsIotDevice.Emulator.MqttCodec.Tests.Support;

namespace AwsIotDevice.Emulator.MqttCodec.Tests;

/// <summary>Every rule the decoder enforces, broken once, gives the codec's own exception with the right code.</summary>
public class MalformedInputTests
{
    private const MqttProtocolVersion V3 = MqttProtocolVersion.V311;
    private const MqttProtocolVersion V5 = MqttProtocolVersion.V500;

    private static MqttProtocolException Refused(string hex, MqttProtocolVersion v = V3, MqttErrorCode code = MqttErrorCode.MalformedPacket)
    {
        var e = Assert.Throws<MqttProtocolException>(() => MqttDecoder.DecodeFrame(Bytes.Hex(hex), v));
        Assert.Equal(code, e.Code);
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain("frame declares", e.Message); // the vector itself must be framed right
        return e;
    }

    [Theory]
    [InlineData("10 0F 00 04 4D 51 54 54 04 02 00 3C 00 03 63 69 64", true)]
    [InlineData("10 1F 00 04 4D 51 54 54 05 02 00 3C 0F 11 00 00 00 78 21 00 14 26 00 01 6B 00 01 76 00 03 63 69 64", true)]
    [InlineData("32 09 00 03 61 2F 62 00 0A 68 69", false)]
    [InlineData("82 0E 00 01 00 03 61 2F 62 01 00 03 63 2F 23 02", false)]
    [InlineData("90 05 00 01 00 02 80", false)]
    public void EveryTruncationIsRefused(string hex, bool everyShorterBodyIsInvalid)
    {
        var full = Bytes.Hex(hex);
        for (int len = 0; len < full.Length; len++)
        {
            Assert.Throws<MqttProtocolException>(() => MqttDecoder.DecodeFrame(full.AsMemory(0, len), V3));
            // Same bytes with the remaining length patched to match: the body itself is too short.
            // (A shorter PUBLISH payload or fewer SUBSCRIBE entries can still be a valid packet.)
            if (everyShorterBodyIsInvalid && len >= 2 && full[1] < 0x80)
            {
                var patched = full[..len];
                patched[1] = (byte)(len - 2);
                Assert.Throws<MqttProtocolException>(() => MqttDecoder.DecodeFrame(patched, V3));
            }
        }
    }

    [Fact]
    public void PeerTextInAMessageCannotBreakTheLogLine()
    {
        // Found by the fuzz test: a protocol name with a line break came back verbatim in the message.
        string message = Refused("10 0C 00 04 4D 51 0A 54 04 02 00 3C 00 00", code: MqttErrorCode.UnsupportedProtocolName).Message;

        Assert.DoesNotContain('\n', message);
        Assert.Contains("MQ\\u000AT", message);
    }

    [Fact] public void FiveByteRemainingLength() => Assert.Contains("longer than 4 bytes", Refused("30 FF FF FF FF 01").Message);

    [Fact]
    public void TrailingBytesAfterFrame() =>
        Assert.Throws<MqttProtocolException>(() => MqttDecoder.DecodeFrame(Bytes.Hex("C0 00 00"), V3));

    [Fact] public void PingWithBody() => Refused("C0 01 00");

    [Fact] public void ReservedPacketType0() => Refused("00 00");

    [Fact] public void AuthOn311() => Refused("F0 00");

    [Theory]
    [InlineData("80 08 00 01 00 03 61 2F 62 01")] // SUBSCRIBE flags 0000
    [InlineData("83 08 00 01 00 03 61 2F 62 01")] // SUBSCRIBE flags 0011
    [InlineData("60 02 00 0A")] // PUBREL flags 0000
    [InlineData("A0 07 00 02 00 03 61 2F 62")] // UNSUBSCRIBE flags 0000
    [InlineData("11 0F 00 04 4D 51 54 54 04 02 00 3C 00 03 63 69 64")] // CONNECT flags 0001
    [InlineData("41 02 00 0A")] // PUBACK flags 0001
    [InlineData("C8 00")] // PINGREQ flags 1000
    public void WrongFixedHeaderFlags(string hex) => Assert.Contains("MQTT-2.2.2-2", Refused(hex).Message);

    [Fact] public void PublishQoS3() => Assert.Contains("QoS 3", Refused("36 05 00 01 74 00 07").Message);

    [Fact] public void PublishDupOnQoS0() => Refused("38 03 00 01 74");

    [Fact] public void PublishPacketId0() => Assert.Contains("MQTT-2.3.1-1", Refused("32 05 00 01 74 00 00").Message);

    [Theory]
    [InlineData("30 04 00 02 61 2B")] // "a+"
    [InlineData("30 04 00 02 61 23")] // "a#"
    [InlineData("30 02 00 00")] // empty topic (3.1.1)
    public void PublishTopicRules(string hex) => Refused(hex);

    [Fact] public void PublishEmptyTopicWithoutAlias5() => Refused("30 03 00 00 00", V5, MqttErrorCode.ProtocolError);

    [Theory]
    [InlineData("30 04 00 02 C0 AF")] // overlong '/'
    [InlineData("30 05 00 03 ED A0 80")] // UTF-16 surrogate D800 encoded
    [InlineData("30 06 00 04 F4 90 80 80")] // above U+10FFFF
    [InlineData("30 04 00 02 61 00")] // U+0000
    [InlineData("30 03 00 01 80")] // lone continuation byte
    [InlineData("30 04 00 02 E2 82")] // truncated sequence
    public void InvalidUtf8(string hex) => Assert.Contains("MQTT-1.5.3", Refused(hex).Message);

    [Fact] public void SubscribeEmpty() => Assert.Contains("MQTT-3.8.3-3", Refused("82 02 00 01", V3, MqttErrorCode.ProtocolError).Message);

    [Fact] public void SubscribePacketId0() => Refused("82 06 00 00 00 01 74 00");

    [Fact] public void SubscribeReservedQosBits311() => Assert.Contains("MQTT-3.8.3-4", Refused("82 06 00 01 00 01 74 04").Message);

    [Fact] public void SubscribeQos3() => Refused("82 06 00 01 00 01 74 03");

    [Fact] public void SubscribeReservedOptionBits5() => Refused("82 07 00 01 00 00 01 74 40", V5);

    [Fact] public void SubscribeRetainHandling3() => Refused("82 07 00 01 00 00 01 74 30", V5);

    [Theory]
    [InlineData("82 08 00 01 00 03 61 23 62 00")] // "a#b"
    [InlineData("82 08 00 01 00 03 23 2F 61 00")] // "#/a"
    [InlineData("82 08 00 01 00 03 61 2B 2F 00")] // "a+/"
    [InlineData("82 05 00 01 00 00 00")] // ""
    public void SubscribeFilterRules(string hex) => Assert.Contains("filter", Refused(hex).Message);

    [Fact] public void SubAckEmpty() => Refused("90 02 00 01", V3, MqttErrorCode.ProtocolError);

    [Fact] public void SubAckReservedCode311() => Refused("90 03 00 01 03");

    [Fact] public void UnsubscribeEmpty() => Refused("A2 02 00 01", V3, MqttErrorCode.ProtocolError);

    [Fact] public void ConnAckReservedFlags() => Refused("20 02 02 00");

    [Fact] public void ConnAckReservedReturnCode311() => Refused("20 02 00 06");

    [Fact] public void ConnAckSessionPresentOnRefusal() => Refused("20 02 01 05");

    [Fact] public void PubAck311WithReasonCode() => Refused("40 03 00 0A 00");

    [Fact] public void PubAck5UnknownReasonCode() => Refused("40 03 00 0A 01", V5);

    [Fact]
    public void ConnectReservedFlag()
    {
        var e = Refused("10 0F 00 04 4D 51 54 54 04 03 00 3C 00 03 63 69 64");
        Assert.Contains("MQTT-3.1.2-3", e.Message);
        Assert.Equal(V3, e.ProtocolVersion);
    }

    [Fact] public void Connect311PasswordWithoutUser() => Assert.Contains("MQTT-3.1.2-22", Refused("10 10 00 04 4D 51 54 54 04 42 00 00 00 00 00 02 70 77").Message);

    [Fact] public void ConnectWillQosWithoutWill() => Refused("10 0C 00 04 4D 51 54 54 04 0A 00 00 00 00");

    [Fact] public void ConnectWillRetainWithoutWill() => Refused("10 0C 00 04 4D 51 54 54 04 22 00 00 00 00");

    [Fact] public void ConnectWillQos3() => Refused("10 11 00 04 4D 51 54 54 04 1C 00 00 00 00 00 01 74 00 00");

    [Fact] public void ConnectWillTopicWithWildcard() => Refused("10 11 00 04 4D 51 54 54 04 06 00 00 00 00 00 01 23 00 00");

    [Fact] public void ConnectTrailingBytes() => Refused("10 0D 00 04 4D 51 54 54 04 02 00 00 00 00 FF");

    [Fact]
    public void ConnectMqtt31IsAnUnsupportedVersion()
    {
        var e = Refused("10 0E 00 06 4D 51 49 73 64 70 03 02 00 3C 00 00", V3, MqttErrorCode.UnsupportedProtocolVersion);
        Assert.Contains("MQIsdp", e.Message);
    }

    [Fact] public void ConnectLevel6() => Refused("10 0C 00 04 4D 51 54 54 06 02 00 00 00 00", V3, MqttErrorCode.UnsupportedProtocolVersion);

    [Fact] public void ConnectWrongProtocolName() => Refused("10 0C 00 04 4D 51 54 58 04 02 00 00 00 00", V3, MqttErrorCode.UnsupportedProtocolName);

    [Fact]
    public void Connect5DuplicateProperty()
    {
        var e = Refused("10 17 00 04 4D 51 54 54 05 02 00 3C 0A 11 00 00 00 78 11 00 00 00 01 00 00", V3, MqttErrorCode.ProtocolError);
        Assert.Equal(V5, e.ProtocolVersion);
        Assert.Equal(ReasonCodes.ProtocolError, e.ReasonCode);
    }

    [Fact] public void Connect5PropertyNotAllowedInConnect() => Refused("10 10 00 04 4D 51 54 54 05 02 00 3C 03 13 00 0A 00 00", V3, MqttErrorCode.ProtocolError);

    [Fact] public void Connect5UnknownPropertyId() => Refused("10 0F 00 04 4D 51 54 54 05 02 00 3C 02 7F 00 00 00", V3);

    [Fact] public void Connect5PropertyLengthBeyondPacket() => Refused("10 0D 00 04 4D 51 54 54 05 02 00 3C 09 00 00", V3);

    [Fact] public void Connect5ReceiveMaximumZero() => Refused("10 10 00 04 4D 51 54 54 05 02 00 3C 03 21 00 00 00 00", V3, MqttErrorCode.ProtocolError);

    [Fact]
    public void MalformedHasV5ReasonCode()
    {
        Assert.Equal(ReasonCodes.MalformedPacket, Refused("C0 01 00").ReasonCode);
    }
}
