using System;

namespace AwsIotDevice.Core.Telemetry
{
    /// <summary>
    /// Composes the next telemetry message from the head of a <see cref="TelemetryQueue"/> and removes what it held
    /// once the message was delivered. With one reading queued (live telemetry) the message is that reading's single
    /// JSON object, as always; with more (a backlog after an outage) it is a JSON array of the same objects, oldest
    /// first, as many as fit in <see cref="BatchBytes"/>, so a reconnect costs fewer messages and less time (AWS
    /// meters messages in 5 KB units). A reading whose object alone is larger than the batch goes as a single object.
    /// <para>
    /// Nothing leaves the queue before <see cref="Delivered"/>: a message that was not acknowledged is composed again
    /// from the same head, so every reading it held is sent again (QoS 1's at-least-once; never lost). The batch
    /// buffer is allocated once, at construction; composing allocates nothing. Not thread-safe: the supervisor's
    /// thread, which owns the queue, uses it.
    /// </para>
    /// </summary>
    public class TelemetryDrain
    {
        /// <summary>Default batch size in bytes: AWS meters messages in 5 KB units.</summary>
        public const int DefaultBatchBytes = 5120;

        /// <summary>Smallest batch size accepted: room for one reading's object.</summary>
        public const int MinBatchBytes = 256;

        /// <summary>
        /// Largest batch size accepted. The device's RAM bounds it, not AWS's 128 KB payload limit: the batch buffer and
        /// the link's send buffer (which holds a copy in the PUBLISH) stay allocated for the whole run, and the boot's
        /// QueueBudget leaves 32 KiB for everything but the queue; two 8 KiB buffers take half of that.
        /// </summary>
        public const int MaxBatchBytes = 8192;

        private readonly TelemetryQueue _queue;
        private readonly byte[] _batch;
        private byte[] _payload;
        private int _length;
        private int _count;
        private long _lastSequence;

        /// <summary>A drain of <paramref name="queue"/> with a batch buffer of <paramref name="batchBytes"/> (<see cref="MinBatchBytes"/>..<see cref="MaxBatchBytes"/>).</summary>
        /// <exception cref="ArgumentNullException"><paramref name="queue"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchBytes"/> is out of range.</exception>
        public TelemetryDrain(TelemetryQueue queue, int batchBytes)
        {
            if (queue == null)
            {
                throw new ArgumentNullException("queue");
            }

            if (batchBytes < MinBatchBytes || batchBytes > MaxBatchBytes)
            {
                throw new ArgumentOutOfRangeException("batchBytes");
            }

            _queue = queue;
            _batch = new byte[batchBytes];
        }

        /// <summary>The largest batch message in bytes.</summary>
        public int BatchBytes
        {
            get { return _batch.Length; }
        }

        /// <summary>The bytes of the last composed message, in [0, <see cref="Length"/>) (the writer's buffer or the batch buffer).</summary>
        public byte[] Payload
        {
            get { return _payload; }
        }

        /// <summary>Length of the last composed message (0 when the queue was empty).</summary>
        public int Length
        {
            get { return _length; }
        }

        /// <summary>Readings in the last composed message.</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>True when the last composed message is a JSON array (a batch), false for a single object.</summary>
        public bool IsBatch { get; private set; }

        /// <summary>
        /// Writes the next message with <paramref name="writer"/> ("dropped" = <paramref name="dropped"/>, left out when
        /// negative) and returns its length (see <see cref="Payload"/>), or 0 when the queue is empty. Removes nothing.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
        public int Compose(PayloadWriter writer, long dropped)
        {
            if (writer == null)
            {
                throw new ArgumentNullException("writer");
            }

            _count = 0;
            _length = 0;
            _payload = null;
            IsBatch = false;
            int queued = _queue.Count;
            if (queued == 0)
            {
                return 0;
            }

            Reading first = _queue.Peek();
            if (queued > 1)
            {
                writer.BeginBatch(_batch);
                int appended = 0;
                while (appended < queued && writer.TryAppend(_queue.PeekAt(appended), dropped))
                {
                    appended++;
                }

                int length = writer.EndBatch();
                if (appended > 0)
                {
                    _payload = _batch;
                    _length = length;
                    _count = appended;
                    _lastSequence = _queue.PeekAt(appended - 1).Sequence;
                    IsBatch = true;
                    return _length;
                }
            }

            _length = writer.Write(first, dropped);
            _payload = writer.Buffer;
            _count = 1;
            _lastSequence = first.Sequence;
            return _length;
        }

        /// <summary>
        /// The last composed message was delivered: removes its readings from the queue (those dropped meanwhile
        /// are already gone; newer ones stay) and returns how many were removed. Call it on the queue's thread.
        /// </summary>
        public int Delivered()
        {
            if (_count == 0)
            {
                return 0;
            }

            _count = 0;
            return _queue.RemoveThrough(_lastSequence);
        }
    }
}
