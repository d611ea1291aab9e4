using FsCheck;
using FsCheck.Fluent;
using AwsIotDevice.Emulator.MqttCodec.Channel;
using AwsIotDevice.Emulator.MqttCodec.Formatting;
using AwsIotDevice.Emulator.MqttCodec.Packets;
using AwsIotDevice.Emulator.MqttCodec.Tests.Support;

namespace AwsIotDevice.Emulator.MqttCodec.Tests;

/// <summary>
/// Mutated valid frames: the codec either decodes them or throws its own exception — never anything
/// else — and the reader's allocation stays bounded by the maximum packet size, whatever length the
/// mutated header declares.
/// </summary>
public class FuzzTests
{
    private const int Max = 512;

    private enum Mutation { Flip, Set, Insert, Delete, Truncate, Extend }

    private static readonly Gen<(Mutation Kind, int Pos, byte Value)> OneMutation =
        from kind in Gen.Elements(Enum.GetValues<Mutation>())
        from pos in Gen.Choose(0, 4000)
        from value in Gen.Choose(0, 255)
        select (kind, pos, (byte)value);

    private static byte[] Apply(byte[] frame, IEnumerable<(Mutation Kind, int Pos, byte Value)> mutations)
    {
        var b = frame.ToList();
        foreach (var (kind, rawPos, value) in mutations)
        {
            if (b.Count == 0) break;
            // Bias towards the header, where the interesting structure is.
            int pos = rawPos % 3 == 0 ? rawPos % Math.Min(b.Count, 8) : rawPos % b.Count;
            switch (kind)
            {
                case Mutation.Flip: b[pos] ^= (byte)(1 << (value % 8)); break;
                case Mutation.Set: b[pos] = value; break;
                case Mutation.Insert: b.Insert(pos, value); break;
                case Mutation.Delete: b.RemoveAt(pos); break;
                case Mutation.Truncate: b.RemoveRange(pos, b.Count - pos); break;
                case Mutation.Extend: b.AddRange(Enumerable.Repeat(value, 1 + value % 7)); break;
            }
        }
        return b.ToArray();
    }

    private static readonly Gen<(MqttProtocolVersion V, byte[] Bytes)> MutatedFrames =
        from x in Generators.VersionedPacket(maxPayload: 300)
        from mutations in Gen.ListOf(OneMutation).Select(l => l.Take(4))
        from decodeAs in Generators.Version
        select (decodeAs, Apply(MqttEncoder.Encode(x.Packet, x.Version), mutations));

    [Fact]
    public void DecodeFrameThrowsOnlyTheCodecsException()
    {
        Props.ForAll(MutatedFrames, x =>
        {
            try
            {
                var p = MqttDecoder.DecodeFrame(x.Bytes, x.V);
                // Whatever decodes must be legal enough to encode again.
                MqttEncoder.Encode(p, p is ConnectPacket c ? c.ProtocolVersion : x.V);
            }
            catch (MqttProtocolException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
                Assert.DoesNotContain('\n', e.Message);
            }
        }, 3000);
    }

    [Fact]
    public void ReaderOverMutatedStreamsThrowsOnlyTheCodecsExceptionAndAllocatesBounded()
    {
        var gen = from x in MutatedFrames
                  from hugeHeader in Gen.Elements(false, false, true)
                  select (x.V, hugeHeader ? [0x30, 0xFF, 0xFF, 0xFF, 0x7F, .. x.Bytes] : x.Bytes);
        Props.ForAll(gen, x =>
        {
            var stream = new ScriptedStream(x.Item2, chunk: 7);
            var channel = new MqttChannel(stream, new MqttFrameReaderOptions { MaxPacketSize = Max, ReadBufferSize = 64 }) { ProtocolVersion = x.V };
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                while (channel.ReadPacketAsync().AsTask().GetAwaiter().GetResult() is not null) { }
            }
            catch (MqttProtocolException)
            {
            }
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            // Body arrays are <= Max; decoding costs a bounded multiple of the body (strings, lists); never the declared length.
            Assert.True(allocated < 64 * Max + 64 * 1024, $"allocated {allocated} bytes reading {x.Item2.Length} input bytes");
        }, 1500);
    }

    [Fact]
    public void RandomBytesThrowOnlyTheCodecsException()
    {
        var gen = from v in Generators.Version
                  from first in Gen.Choose(0, 255)
                  from body in Generators.Bytes(200)
                  select (v, (byte)first, body);
        Props.ForAll(gen, x =>
        {
            try
            {
                MqttDecoder.Decode(x.Item2, x.body, x.v);
            }
            catch (MqttProtocolException)
            {
            }
        }, 3000);
    }
}
