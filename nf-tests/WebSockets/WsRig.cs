using System.Collections;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Text;
using AwsIotDevice.Core.WebSockets;
using AwsIotDevice.Tests.Fakes;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.WebSockets
{
    /// <summary>
    /// A WebSocket transport over a scripted inner transport, whose random source yields RFC 6455's sample nonce, so
    /// the key is the RFC's sample key and the accept value is known.
    /// </summary>
    public class WsRig
    {
        public const string Host = "example-ats.iot.eu-west-1.amazonaws.com";

        public readonly FakeClock Clock = new FakeClock();
        public readonly ScriptedTransport Inner;
        public readonly SequenceRandom Random = new SequenceRandom(Utf8.GetBytes(WsBytes.SampleNonce));
        public readonly WebSocketUpgrade Upgrade = new WebSocketUpgrade(Host);
        public readonly WebSocketTransport Ws;

        /// <summary>Length of the upgrade request in <see cref="ScriptedTransport.Written"/> after <see cref="Open"/>.</summary>
        public int RequestLength;

        /// <summary>A 256-byte frame buffer, messages up to 1024 bytes.</summary>
        public WsRig()
            : this(256, 1024)
        {
        }

        /// <summary>A rig with the given frame buffer and message limit.</summary>
        public WsRig(int frameBufferBytes, int maxMessageBytes)
        {
            Inner = new ScriptedTransport(Clock);
            Ws = new WebSocketTransport(Clock, Random, new byte[frameBufferBytes], maxMessageBytes);
        }

        /// <summary>Scripts the 101, opens, checks it worked.</summary>
        public void Open()
        {
            Inner.Add(WsBytes.Accepting());
            AssertFault(Fault.None, Ws.Open(Inner, Upgrade, 5000));
            RequestLength = Inner.Written().Length;
        }

        /// <summary>The upgrade request as text (everything written, when called before any frame).</summary>
        public string Request()
        {
            byte[] written = Inner.Written();
            return Utf8.Decode(written, 0, written.Length);
        }

        /// <summary>The frames written after the request.</summary>
        public ArrayList Frames()
        {
            return WsBytes.ClientFrames(Inner.Written(), RequestLength);
        }

        /// <summary>Fails unless <paramref name="actual"/> is <paramref name="expected"/>, naming both and the detail.</summary>
        public void AssertFault(Fault expected, Fault actual)
        {
            Assert.AreEqual(FaultNames.Of(expected), FaultNames.Of(actual), "detail: " + Ws.LastErrorDetail);
        }

        /// <summary>Reads until <paramref name="count"/> bytes arrived or a read returns 0 or -1; returns them as text, or the failing result.</summary>
        public string ReadText(int count, int timeoutMs, out int last)
        {
            byte[] buffer = new byte[count];
            int got = 0;
            last = 1;
            while (got < count)
            {
                last = Ws.Read(buffer, got, count - got, timeoutMs);
                if (last <= 0)
                {
                    break;
                }

                got += last;
            }

            return Utf8.Decode(buffer, 0, got);
        }
    }
}
