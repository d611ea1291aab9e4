using System;
using System.Collections;
using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.Tests.Fakes
{
    /// <summary>
    /// A scripted <see cref="ITransport"/> on a <see cref="FakeClock"/>. Reads follow the script step by step:
    /// <list type="bullet">
    /// <item><see cref="Add"/>: bytes available at once (a read takes as many as fit, or one with
    /// <see cref="OneByteAtATime"/>; the rest stays for the next read).</item>
    /// <item><see cref="AddAt"/>: bytes that arrive at an uptime; a read before then waits on the clock, up to its
    /// timeout (then returns 0).</item>
    /// <item><see cref="AddTimeout"/>: one read that returns 0 after its whole timeout.</item>
    /// <item><see cref="AddClose"/>: the peer closes; this and every later read and write return -1.</item>
    /// <item>Past the end of the script a read waits its whole timeout on the clock and returns 0.</item>
    /// </list>
    /// Every written byte is recorded; <see cref="ReplyTo"/> adds a reply to the script whenever a write starts with a
    /// given byte (a broker answering PINGREQ). <see cref="MaxReadCalls"/> turns a runaway loop into a failure.
    /// </summary>
    public class ScriptedTransport : ITransport
    {
        /// <summary>Code a test runs inside the transport (e.g. another thread's Abort, at a known moment).</summary>
        public delegate void Hook();

        private readonly FakeClock _clock;
        private readonly ArrayList _steps = new ArrayList();
        private readonly ArrayList _replyTriggers = new ArrayList();
        private readonly ArrayList _replies = new ArrayList();
        private byte[] _written = new byte[256];
        private int _writtenLength;

        /// <summary>A transport with an empty script on <paramref name="clock"/>.</summary>
        public ScriptedTransport(FakeClock clock)
        {
            _clock = clock;
        }

        /// <summary>Every read delivers at most one byte (the worst split a stream can make).</summary>
        public bool OneByteAtATime;

        /// <summary>A read beyond this many throws: a client that spins without waiting fails instead of hanging.</summary>
        public int MaxReadCalls = 200000;

        /// <summary>0-based index of the write call that fails (-1: none).</summary>
        public int FailWriteAt = -1;

        /// <summary>Runs at the start of every read (null: nothing).</summary>
        public Hook BeforeRead;

        /// <summary>Read calls so far.</summary>
        public int ReadCalls;

        /// <summary>Write calls so far.</summary>
        public int WriteCalls;

        /// <summary>Close calls so far.</summary>
        public int CloseCalls;

        /// <summary>Count of every write call, as boxed ints.</summary>
        public readonly ArrayList WriteSizes = new ArrayList();

        /// <summary>Timeout passed to every read call, as boxed ints.</summary>
        public readonly ArrayList ReadTimeouts = new ArrayList();

        /// <summary>True once closed by either side.</summary>
        public bool Closed { get; private set; }

        /// <summary>See <see cref="ITransport.LastFault"/>.</summary>
        public Fault LastFault { get; private set; }

        /// <summary>See <see cref="ITransport.LastErrorDetail"/>.</summary>
        public string LastErrorDetail { get; private set; } = string.Empty;

        /// <summary>Script steps not yet consumed.</summary>
        public int PendingSteps
        {
            get { return _steps.Count; }
        }

        /// <summary>Adds bytes that are available at once.</summary>
        public ScriptedTransport Add(byte[] chunk)
        {
            _steps.Add(new Step(chunk, -1, StepKind.Data));
            return this;
        }

        /// <summary>Adds bytes that arrive at uptime <paramref name="atMs"/>.</summary>
        public ScriptedTransport AddAt(long atMs, byte[] chunk)
        {
            _steps.Add(new Step(chunk, atMs, StepKind.Data));
            return this;
        }

        /// <summary>Adds one read that times out.</summary>
        public ScriptedTransport AddTimeout()
        {
            _steps.Add(new Step(null, -1, StepKind.Timeout));
            return this;
        }

        /// <summary>Adds the peer closing the stream.</summary>
        public ScriptedTransport AddClose()
        {
            _steps.Add(new Step(null, -1, StepKind.Close));
            return this;
        }

        /// <summary>Whenever a write starts with <paramref name="firstByte"/>, <paramref name="reply"/> is appended to the script.</summary>
        public void ReplyTo(int firstByte, byte[] reply)
        {
            _replyTriggers.Add(firstByte);
            _replies.Add(reply);
        }

        /// <summary>Every byte written so far, in order.</summary>
        public byte[] Written()
        {
            byte[] copy = new byte[_writtenLength];
            Array.Copy(_written, 0, copy, 0, _writtenLength);
            return copy;
        }

        /// <summary>Forgets the bytes written so far (the write sizes too).</summary>
        public void ClearWritten()
        {
            _writtenLength = 0;
            WriteSizes.Clear();
        }

        /// <summary>Size of write call <paramref name="index"/> since the last <see cref="ClearWritten"/>.</summary>
        public int WriteSize(int index)
        {
            return (int)WriteSizes[index];
        }

        /// <summary>See <see cref="ITransport.Write"/>.</summary>
        public int Write(byte[] buffer, int offset, int count, int timeoutMs)
        {
            int call = WriteCalls++;
            if (Closed)
            {
                return -1;
            }

            if (call == FailWriteAt)
            {
                LastFault = Fault.ConnectionLost;
                LastErrorDetail = "scripted write failure";
                return -1;
            }

            while (_writtenLength + count > _written.Length)
            {
                byte[] larger = new byte[_written.Length * 2];
                Array.Copy(_written, 0, larger, 0, _writtenLength);
                _written = larger;
            }

            Array.Copy(buffer, offset, _written, _writtenLength, count);
            _writtenLength += count;
            WriteSizes.Add(count);
            for (int i = 0; i < _replyTriggers.Count; i++)
            {
                if (count > 0 && buffer[offset] == (int)_replyTriggers[i])
                {
                    Add((byte[])_replies[i]);
                }
            }

            return count;
        }

        /// <summary>See <see cref="ITransport.Read"/>.</summary>
        /// <exception cref="InvalidOperationException">More than <see cref="MaxReadCalls"/> reads.</exception>
        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            ReadCalls++;
            ReadTimeouts.Add(timeoutMs);
            if (BeforeRead != null)
            {
                BeforeRead();
            }

            if (ReadCalls > MaxReadCalls)
            {
                throw new InvalidOperationException("ScriptedTransport: too many reads (runaway loop?)");
            }

            if (Closed)
            {
                return -1;
            }

            if (_steps.Count == 0)
            {
                _clock.Advance(timeoutMs);
                return 0;
            }

            Step step = (Step)_steps[0];
            if (step.Kind == StepKind.Close)
            {
                _steps.RemoveAt(0);
                Closed = true;
                LastFault = Fault.ConnectionLost;
                LastErrorDetail = "closed by the peer";
                return -1;
            }

            if (step.Kind == StepKind.Timeout)
            {
                _steps.RemoveAt(0);
                _clock.Advance(timeoutMs);
                return 0;
            }

            if (step.AtMs > _clock.UptimeMs)
            {
                long wait = step.AtMs - _clock.UptimeMs;
                if (wait > timeoutMs)
                {
                    _clock.Advance(timeoutMs);
                    return 0;
                }

                _clock.Advance(wait);
            }

            int left = step.Data.Length - step.Offset;
            int take = left < count ? left : count;
            if (OneByteAtATime && take > 1)
            {
                take = 1;
            }

            Array.Copy(step.Data, step.Offset, buffer, offset, take);
            step.Offset += take;
            if (step.Offset == step.Data.Length)
            {
                _steps.RemoveAt(0);
            }

            return take;
        }

        /// <summary>See <see cref="ITransport.Close"/>.</summary>
        public void Close()
        {
            CloseCalls++;
            if (!Closed)
            {
                Closed = true;
                if (LastFault == Fault.None)
                {
                    LastFault = Fault.ConnectionLost;
                    LastErrorDetail = "closed locally";
                }
            }
        }

        private enum StepKind
        {
            Data,
            Timeout,
            Close,
        }

        private class Step
        {
            public Step(byte[] data, long atMs, StepKind kind)
            {
                Data = data;
                AtMs = atMs;
                Kind = kind;
            }

            public readonly byte[] Data;
            public readonly long AtMs;
            public readonly StepKind Kind;
            public int Offset;
        }
    }
}
