using System.Diagnostics;
using FsCheck.Fluent;
using AwsIotDevice.Emulator.MqttCodec.Channel;
using AwsIotDevice.Emulator.MqttCodec.Formatting;
using AwsIotDevice.Emulator.MqttCodec.Packets;
using AwsIotDevice.Emulator.MqttCodec.Tests.Support;

namespace AwsIotDevice.Emulator.MqttCodec.Tests;

/// <summary>Framing over a stream: chunking, size limit before allocation, truncation, stalls and timeouts.</summary>
public class FrameReaderTests
{
    private static MqttFrameReaderOptions Small(int max = 1024, int timeoutMs = 10_000) =>
        new() { MaxPacketSize = max, FrameTimeout = TimeSpan.FromMilliseconds(timeoutMs), ReadBufferSize = 64 };

    [Fact]
    public void BackToBackPacketsInAnyChunkingDecodeInOrder()
    {
        var gen = from v in Generators.Version
                  from packets in Gen.ListOf(Generators.Any(v, maxPayload: 3000), 6)
                  from chunk in Gen.Choose(1, 200)
                  select (v, packets, chunk);
        Props.ForAll(gen, x =>
        {
            var wire = x.packets.SelectMany(p => MqttEncoder.Encode(p, x.v)).ToArray();
            var channel = new MqttChannel(new ScriptedStream(wire, x.chunk), Small(max: 1 << 20)) { ProtocolVersion = x.v };
            foreach (var expected in x.packets)
            {
                var got = channel.ReadPacketAsync().AsTask().GetAwaiter().GetResult();
                Assert.NotNull(got);
                Assert.Equal(Describe.Packet(expected), Describe.Packet(got!));
                channel.ProtocolVersion = x.v; // a CONNECT in the list would switch it
            }
            Assert.Null(channel.ReadPacketAsync().AsTask().GetAwaiter().GetResult());
        }, 60);
    }

    [Fact]
    public async Task HugeDeclaredLengthIsRefusedBeforeAllocating()
    {
        var stream = new ScriptedStream(Bytes.Hex("30 FF FF FF 7F 00 01 74"), stallAtEnd: true);
        var reader = new MqttFrameReader(stream, Small(max: 1024));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = await Assert.ThrowsAsync<MqttProtocolException>(() => reader.ReadFrameAsync().AsTask());
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(MqttErrorCode.PacketTooLarge, e.Code);
        Assert.Equal(ReasonCodes.PacketTooLarge, e.ReasonCode);
        Assert.Contains("268435460", e.Message);
        Assert.True(allocated < 16 * 1024, $"allocated {allocated} bytes for a refused 256 MB frame");
    }

    [Fact]
    public async Task SizeLimitCountsTheWholeFrame()
    {
        // 1 + 1 + 98 = 100 bytes: accepted at max 100, refused at 99.
        var frame = MqttEncoder.Encode(new PublishPacket { Topic = "t", Payload = new byte[95] }, MqttProtocolVersion.V311);
        Assert.Equal(100, frame.Length);
        var ok = await new MqttFrameReader(new ScriptedStream(frame), Small(max: 100)).ReadFrameAsync();
        Assert.Equal(98, ok!.Value.Body.Length);
        var e = await Assert.ThrowsAsync<MqttProtocolException>(() => new MqttFrameReader(new ScriptedStream(frame), Small(max: 99)).ReadFrameAsync().AsTask());
        Assert.Equal(MqttErrorCode.PacketTooLarge, e.Code);
    }

    [Fact]
    public async Task FiveByteRemainingLengthIsMalformed()
    {
        var e = await Assert.ThrowsAsync<MqttProtocolException>(() =>
            new MqttFrameReader(new ScriptedStream(Bytes.Hex("30 80 80 80 80 01")), Small(max: int.MaxValue)).ReadFrameAsync().AsTask());
        Assert.Equal(MqttErrorCode.MalformedPacket, e.Code);
    }

    [Fact]
    public async Task CleanEndBetweenFramesIsNull()
    {
        var reader = new MqttFrameReader(new ScriptedStream(Bytes.Hex("C0 00")), Small());
        Assert.NotNull(await reader.ReadFrameAsync());
        Assert.Null(await reader.ReadFrameAsync());
    }

    [Theory]
    [InlineData("30")] // inside the remaining length
    [InlineData("30 80")]
    [InlineData("32 09 00 03 61 2F")] // inside the body
    public async Task EndInsideFrameIsReported(string hex)
    {
        var e = await Assert.ThrowsAsync<MqttProtocolException>(() =>
            new MqttFrameReader(new ScriptedStream(Bytes.Hex(hex), chunk: 1), Small()).ReadFrameAsync().AsTask());
        Assert.Equal(MqttErrorCode.ConnectionClosedMidFrame, e.Code);
    }

    [Theory]
    [InlineData("30")] // stalls inside the remaining length
    [InlineData("32 09 00 03")] // stalls inside the body
    public async Task StallMidFrameTimesOut(string hex)
    {
        var reader = new MqttFrameReader(new ScriptedStream(Bytes.Hex(hex), chunk: 1, stallAtEnd: true), Small(timeoutMs: 200));
        var sw = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<MqttProtocolException>(() => reader.ReadFrameAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(MqttErrorCode.FrameTimeout, e.Code);
        Assert.InRange(sw.ElapsedMilliseconds, 150, 5000);
    }

    [Fact]
    public async Task IdleBeforeFirstByteIsNotAFrameTimeout_CallerCancels()
    {
        var reader = new MqttFrameReader(new ScriptedStream([], stallAtEnd: true), Small(timeoutMs: 50));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(400));
        var sw = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader.ReadFrameAsync(cts.Token).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(sw.ElapsedMilliseconds >= 300, "the 50 ms frame timeout must not apply before a frame starts");
    }

    [Fact]
    public async Task CallerCancellationMidFrameIsCancellationNotTimeout()
    {
        var reader = new MqttFrameReader(new ScriptedStream(Bytes.Hex("32 09"), stallAtEnd: true), Small(timeoutMs: 10_000));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader.ReadFrameAsync(cts.Token).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task BrokerChannelAdoptsTheConnectVersion()
    {
        var connect = new ConnectPacket { ProtocolVersion = MqttProtocolVersion.V500, ClientId = "dev" };
        var publish = new PublishPacket { Topic = "t", QoS = MqttQos.AtLeastOnce, PacketId = 1 };
        publish.Properties.Add(MqttProperty.FromString(MqttPropertyId.ContentType, "json"));
        var wire = MqttEncoder.Encode(connect, MqttProtocolVersion.V500).Concat(MqttEncoder.Encode(publish, MqttProtocolVersion.V500)).ToArray();
        var channel = new MqttChannel(new ScriptedStream(wire), Small());
        Assert.IsType<ConnectPacket>(await channel.ReadPacketAsync());
        Assert.Equal(MqttProtocolVersion.V500, channel.ProtocolVersion);
        var p = Assert.IsType<PublishPacket>(await channel.ReadPacketAsync());
        Assert.Equal("json", p.Properties.GetString(MqttPropertyId.ContentType));
    }

    [Fact]
    public async Task ConcurrentWritesNeverInterleave()
    {
        var sink = new MemoryStream();
        var writer = new MqttPacketWriter(sink);
        var packets = Enumerable.Range(1, 64).Select(i => new PublishPacket { Topic = $"t/{i}", QoS = MqttQos.AtLeastOnce, PacketId = (ushort)i, Payload = new byte[i * 100] }).ToList();
        await Task.WhenAll(packets.Select(p => Task.Run(async () => await writer.WriteAsync(p, MqttProtocolVersion.V311))));
        var reader = new MqttChannel(new MemoryStream(sink.ToArray()), Small(max: 1 << 20));
        var ids = new List<int>();
        while (await reader.ReadPacketAsync() is PublishPacket p)
        {
            Assert.Equal($"t/{p.PacketId}", p.Topic);
            Assert.Equal(p.PacketId * 100, p.Payload.Length);
            ids.Add(p.PacketId);
        }
        Assert.Equal(Enumerable.Range(1, 64), ids.Order());
    }

    [Fact]
    public async Task WriterRefusesPacketsAbovePeerMaximum()
    {
        var sink = new MemoryStream();
        var writer = new MqttPacketWriter(sink) { PeerMaximumPacketSize = 50 };
        var e = await Assert.ThrowsAsync<MqttProtocolException>(() =>
            writer.WriteAsync(new PublishPacket { Topic = "t", Payload = new byte[60] }, MqttProtocolVersion.V500).AsTask());
        Assert.Equal(MqttErrorCode.PacketTooLarge, e.Code);
        Assert.Equal(0, sink.Length);
    }
}
