using System.Text;
using AwsIotDevice.Emulator.MqttCodec.Formatting;
using AwsIotDevice.Emulator.MqttCodec.Packets;
using AwsIotDevice.Emulator.MqttCodec.Tests.Support;

namespace AwsIotDevice.Emulator.MqttCodec.Tests;

/// <summary>Known byte sequences, hand-assembled from the MQTT 3.1.1 / 5.0 specification layouts and examples.</summary>
public class SpecVectorTests
{
    private const MqttProtocolVersion V3 = MqttProtocolVersion.V311;
    private const MqttProtocolVersion V5 = MqttProtocolVersion.V500;

    [Fact]
    public void Connect311_MinimalCleanSession()
    {
        // 3.1.2.10 example variable header (name "MQTT", level 4, keep alive), flags 0x02 = clean session, client id "cid".
        var bytes = Bytes.Hex("10 0F 00 04 4D 51 54 54 04 02 00 3C 00 03 63 69 64");
        var c = Assert.IsType<ConnectPacket>(MqttDecoder.DecodeFrame(bytes, V3));
        Assert.Equal(V3, c.ProtocolVersion);
        Assert.True(c.CleanSession);
        Assert.Equal(60, c.KeepAliveSeconds);
        Assert.Equal("cid", c.ClientId);
        Assert.Null(c.Username);
        Assert.Null(c.Password);
        Assert.Null(c.Will);
        Assert.Equal(Bytes.Of(bytes), Bytes.Of(MqttEncoder.Encode(c, V3)));
    }

    [Fact]
    public void Connect311_SpecFlags0xCE_WillUserPassword()
    {
        // 3.1.2.10: connect flags 0xCE = user name, password, will QoS 1, will flag, clean session; keep alive 10.
        var bytes = Bytes.Hex("10 1D 00 04 4D 51 54 54 04 CE 00 0A 00 01 63 00 03 77 2F 74 00 01 21 00 02 75 31 00 02 FF 00");
        var c = Assert.IsType<ConnectPacket>(MqttDecoder.DecodeFrame(bytes, V3));
        Assert.Equal(10, c.KeepAliveSeconds);
        Assert.Equal("c", c.ClientId);
        Assert.NotNull(c.Will);
        Assert.Equal("w/t", c.Will!.Topic);
        Assert.Equal(MqttQos.AtLeastOnce, c.Will.QoS);
        Assert.False(c.Will.Retain);
        Assert.Equal("!", Encoding.UTF8.GetString(c.Will.Payload));
        Assert.Equal("u1", c.Username);
        Assert.Equal(new byte[] { 0xFF, 0x00 }, c.Password);
        Assert.Equal(Bytes.Of(bytes), Bytes.Of(MqttEncoder.Encode(c, V3)));
    }

    [Fact]
    public void Connect5_WithPropertiesDecodes_AndBrokerCanRefuseWith0x87()
    {
        // Level 5, clean start, keep alive 60, properties: Session Expiry 120, Receive Maximum 20, User Property ("k","v").
        var bytes = Bytes.Hex("10 1F 00 04 4D 51 54 54 05 02 00 3C 0F 11 00 00 00 78 21 00 14 26 00 01 6B 00 01 76 00 03 63 69 64");
        var c = Assert.IsType<ConnectPacket>(MqttDecoder.DecodeFrame(bytes, V3));
        Assert.Equal(V5, c.ProtocolVersion);
        Assert.Equal("cid", c.ClientId);
        Assert.True(c.Properties.TryGetNumber(MqttPropertyId.SessionExpiryInterval, out uint expiry));
        Assert.Equal(120u, expiry);
        Assert.True(c.Properties.TryGetNumber(MqttPropertyId.ReceiveMaximum, out uint rm));
        Assert.Equal(20u, rm);
        Assert.Equal(new KeyValuePair<string, string>("k", "v"), Assert.Single(c.Properties.UserProperties));

        var refuse = new ConnAckPacket { ReasonCode = ReasonCodes.NotAuthorized };
        Assert.Equal("20 03 00 87 00", Bytes.Of(MqttEncoder.Encode(refuse, c.ProtocolVersion)));
    }

    [Fact]
    public void Connect5_PasswordWithoutUserNameIsLegal()
    {
        // Flags 0x42: password + clean start; properties length 0; client id empty; password "pw".
        var bytes = Bytes.Hex("10 11 00 04 4D 51 54 54 05 42 00 00 00 00 00 00 02 70 77");
        var c = Assert.IsType<ConnectPacket>(MqttDecoder.DecodeFrame(bytes, V3));
        Assert.Null(c.Username);
        Assert.Equal("pw", Encoding.ASCII.GetString(c.Password!));
    }

    [Theory]
    [InlineData(0x00, "20 02 00 00")]
    [InlineData(0x05, "20 02 00 05")]
    public void ConnAck311(byte code, string hex)
    {
        Assert.Equal(hex, Bytes.Of(MqttEncoder.Encode(new ConnAckPacket { ReasonCode = code }, V3)));
        Assert.Equal(code, Assert.IsType<ConnAckPacket>(MqttDecoder.DecodeFrame(Bytes.Hex(hex), V3)).ReasonCode);
    }

    [Fact]
    public void ConnAck311_SessionPresent()
    {
        var a = Assert.IsType<ConnAckPacket>(MqttDecoder.DecodeFrame(Bytes.Hex("20 02 01 00"), V3));
        Assert.True(a.SessionPresent);
    }

    [Fact]
    public void Publish311_QoS1()
    {
        var bytes = Bytes.Hex("32 09 00 03 61 2F 62 00 0A 68 69");
        var p = Assert.IsType<PublishPacket>(MqttDecoder.DecodeFrame(bytes, V3));
        Assert.Equal("a/b", p.Topic);
        Assert.Equal(MqttQos.AtLeastOnce, p.QoS);
        Assert.Equal(10, p.PacketId);
        Assert.Equal("hi", Encoding.ASCII.GetString(p.Payload.Span));
        Assert.False(p.Dup);
        Assert.False(p.Retain);
        Assert.Equal(Bytes.Of(bytes), Bytes.Of(MqttEncoder.Encode(p, V3)));
    }

    [Fact]
    public void Publish311_QoS2DupRetainIsDecodedSoABrokerCanRefuseIt()
    {
        var p = Assert.IsType<PublishPacket>(MqttDecoder.DecodeFrame(Bytes.Hex("3D 05 00 01 74 00 07"), V3));
        Assert.Equal(MqttQos.ExactlyOnce, p.QoS);
        Assert.True(p.Dup);
        Assert.True(p.Retain);
        Assert.Equal(7, p.PacketId);
        Assert.Equal(0, p.Payload.Length);
    }

    [Fact]
    public void Publish311_QoS0HasNoPacketId()
    {
        var p = Assert.IsType<PublishPacket>(MqttDecoder.DecodeFrame(Bytes.Hex("30 05 00 01 74 68 69"), V3));
        Assert.Equal(0, p.PacketId);
        Assert.Equal("hi", Encoding.ASCII.GetString(p.Payload.Span));
    }

    [Fact]
    public void Publish5_EmptyTopicWithTopicAlias()
    {
        // topic length 0, properties: Topic Alias 3.
        var p = Assert.IsType<PublishPacket>(MqttDecoder.DecodeFrame(Bytes.Hex("30 06 00 00 03 23 00 03"), V5));
        Assert.Equal("", p.Topic);
        Assert.True(p.Properties.TryGetNumber(MqttPropertyId.TopicAlias, out uint alias));
        Assert.Equal(3u, alias);
    }

    [Theory]
    [InlineData("40 02 00 0A", MqttPacketType.PubAck)]
    [InlineData("50 02 00 0A", MqttPacketType.PubRec)]
    [InlineData("62 02 00 0A", MqttPacketType.PubRel)]
    [InlineData("70 02 00 0A", MqttPacketType.PubComp)]
    public void PublishAcks311(string hex, MqttPacketType type)
    {
        var p = Assert.IsAssignableFrom<PublishAckPacket>(MqttDecoder.DecodeFrame(Bytes.Hex(hex), V3));
        Assert.Equal(type, p.Type);
        Assert.Equal(10, p.PacketId);
        Assert.Equal(hex, Bytes.Of(MqttEncoder.Encode(p, V3)));
    }

    [Fact]
    public void PubAck5_ShortFormMeansSuccess_LongFormCarriesReason()
    {
        var shortForm = Assert.IsType<PubAckPacket>(MqttDecoder.DecodeFrame(Bytes.Hex("40 02 00 0A"), V5));
        Assert.Equal(0, shortForm.ReasonCode);
        var refused = new PubAckPacket { PacketId = 10, ReasonCode = ReasonCodes.NotAuthorized };
        Assert.Equal("40 03 00 0A 87", Bytes.Of(MqttEncoder.Encode(refused, V5)));
    }

    [Fact]
    public void Subscribe311()
    {
        var bytes = Bytes.Hex("82 0E 00 01 00 03 61 2F 62 01 00 03 63 2F 23 02");
        var s = Assert.IsType<SubscribePacket>(MqttDecoder.DecodeFrame(bytes, V3));
        Assert.Equal(1, s.PacketId);
        Assert.Equal(2, s.Subscriptions.Count);
        Assert.Equal("a/b", s.Subscriptions[0].TopicFilter);
        Assert.Equal(MqttQos.AtLeastOnce, s.Subscriptions[0].QoS);
        Assert.Equal("c/#", s.Subscriptions[1].TopicFilter);
        Assert.Equal(MqttQos.ExactlyOnce, s.Subscriptions[1].QoS);
        Assert.Equal(Bytes.Of(bytes), Bytes.Of(MqttEncoder.Encode(s, V3)));
    }

    [Fact]
    public void SubAck311_WithFailure()
    {
        // 3.9.3 example: granted QoS 0, QoS 2, failure.
        var bytes = Bytes.Hex("90 05 00 01 00 02 80");
        var a = Assert.IsType<SubAckPacket>(MqttDecoder.DecodeFrame(bytes, V3));
        Assert.Equal(new byte[] { 0x00, 0x02, 0x80 }, a.ReasonCodes);
        Assert.Equal(Bytes.Of(bytes), Bytes.Of(MqttEncoder.Encode(a, V3)));
    }

    [Fact]
    public void UnsubscribeAndUnsubAck311()
    {
        var u = Assert.IsType<UnsubscribePacket>(MqttDecoder.DecodeFrame(Bytes.Hex("A2 07 00 02 00 03 61 2F 62"), V3));
        Assert.Equal(2, u.PacketId);
        Assert.Equal("a/b", Assert.Single(u.TopicFilters));
        var ack = Assert.IsType<UnsubAckPacket>(MqttDecoder.DecodeFrame(Bytes.Hex("B0 02 00 02"), V3));
        Assert.Equal(2, ack.PacketId);
    }

    [Theory]
    [InlineData("C0 00", MqttPacketType.PingReq)]
    [InlineData("D0 00", MqttPacketType.PingResp)]
    [InlineData("E0 00", MqttPacketType.Disconnect)]
    public void EmptyPackets(string hex, MqttPacketType type)
    {
        var p = MqttDecoder.DecodeFrame(Bytes.Hex(hex), V3);
        Assert.Equal(type, p.Type);
        Assert.Equal(hex, Bytes.Of(MqttEncoder.Encode(p, V3)));
    }

    [Fact]
    public void Disconnect5_WithReason()
    {
        var d = Assert.IsType<DisconnectPacket>(MqttDecoder.DecodeFrame(Bytes.Hex("E0 01 8E"), V5));
        Assert.Equal(ReasonCodes.SessionTakenOver, d.ReasonCode);
    }

    [Theory]
    // Table 2.4 of MQTT 3.1.1: size of the remaining length field.
    [InlineData(0u, "00")]
    [InlineData(127u, "7F")]
    [InlineData(128u, "80 01")]
    [InlineData(16_383u, "FF 7F")]
    [InlineData(16_384u, "80 80 01")]
    [InlineData(2_097_151u, "FF FF 7F")]
    [InlineData(2_097_152u, "80 80 80 01")]
    [InlineData(268_435_455u, "FF FF FF 7F")]
    public void VariableByteIntegerTable(uint value, string hex)
    {
        var buf = new byte[4];
        int n = VariableByteInteger.Write(value, buf);
        Assert.Equal(hex, Bytes.Of(buf[..n]));
        Assert.True(VariableByteInteger.TryRead(buf.AsSpan(0, n), out uint back, out int len));
        Assert.Equal(value, back);
        Assert.Equal(n, len);
    }

    [Fact]
    public void Utf8StringExampleFromSection153()
    {
        // "A\u{2A6D4}" is 41 F0 AA 9B 94 (MQTT 3.1.1 figure 1.3), here as a topic name.
        var p = Assert.IsType<PublishPacket>(MqttDecoder.DecodeFrame(Bytes.Hex("30 07 00 05 41 F0 AA 9B 94"), V3));
        Assert.Equal("A\U0002A6D4", p.Topic);
    }

    [Fact]
    public void ByteOrderMarkIsKeptNotStripped()
    {
        var p = Assert.IsType<PublishPacket>(MqttDecoder.DecodeFrame(Bytes.Hex("30 06 00 04 EF BB BF 61"), V3));
        Assert.Equal("\uFEFFa", p.Topic);
    }
}
