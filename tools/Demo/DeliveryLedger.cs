using System.Diagnostics;

namespace AwsIotDevice.Demo;

/// <summary>
/// What the subscriber received, by the device's sequence numbers (1, 2, 3, ... from boot). A sequence number seen
/// again is a duplicate (at-least-once delivery after a lost PUBACK); one never seen is missing. Thread-safe.
/// </summary>
internal sealed class DeliveryLedger
{
    private readonly object _gate = new();
    private readonly Dictionary<long, int> _seen = [];
    private readonly Stopwatch _clock;
    private long _maxSequence;
    private long _lastDropped;
    private int _duplicates;
    private int _messages;
    private TimeSpan? _firstAt;

    /// <summary>Creates a ledger; arrival times are measured on <paramref name="clock"/> (the demo's start).</summary>
    public DeliveryLedger(Stopwatch clock) => _clock = clock;

    /// <summary>Records one received reading; returns false when it is a duplicate.</summary>
    public bool Record(long sequence, long dropped)
    {
        lock (_gate)
        {
            _firstAt ??= _clock.Elapsed;
            if (dropped > _lastDropped)
            {
                _lastDropped = dropped;
            }

            if (_seen.TryGetValue(sequence, out int count))
            {
                _seen[sequence] = count + 1;
                _duplicates++;
                return false;
            }

            _seen[sequence] = 1;
            if (sequence > _maxSequence)
            {
                _maxSequence = sequence;
            }

            return true;
        }
    }

    /// <summary>
    /// Records every reading of one received payload (a live reading's object, or a backlog batch: an array of them),
    /// calls <paramref name="each"/> with each reading and whether it was new, and returns how many readings it held
    /// (0, and nothing counted, for a payload that is not telemetry).
    /// </summary>
    public int RecordPayload(ReadOnlySpan<byte> payload, Action<TelemetryMessage, bool>? each)
    {
        IReadOnlyList<TelemetryMessage> readings = TelemetryMessage.ParseAll(payload);
        if (readings.Count == 0)
        {
            return 0;
        }

        lock (_gate)
        {
            _messages++;
        }

        foreach (TelemetryMessage reading in readings)
        {
            bool first = Record(reading.Sequence, reading.Dropped);
            each?.Invoke(reading, first);
        }

        return readings.Count;
    }

    /// <summary>Telemetry messages received (a backlog batch is one message holding several readings).</summary>
    public int Messages
    {
        get { lock (_gate) return _messages; }
    }

    /// <summary>Distinct readings received.</summary>
    public int Distinct
    {
        get { lock (_gate) return _seen.Count; }
    }

    /// <summary>Messages received that repeated a sequence number already seen.</summary>
    public int Duplicates
    {
        get { lock (_gate) return _duplicates; }
    }

    /// <summary>Highest sequence number received (0 before the first).</summary>
    public long MaxSequence
    {
        get { lock (_gate) return _maxSequence; }
    }

    /// <summary>The device's cumulative "dropped" count as last reported in a payload.</summary>
    public long ReportedDropped
    {
        get { lock (_gate) return _lastDropped; }
    }

    /// <summary>Time from the clock's start to the first reading received, or null before it.</summary>
    public TimeSpan? FirstDeliveryAt
    {
        get { lock (_gate) return _firstAt; }
    }

    /// <summary>
    /// Judges readings 1..<paramref name="produced"/>: how many distinct ones arrived, and how many are lost. The
    /// device drops the oldest readings when its queue is full and says how many (<paramref name="dropped"/>); those
    /// are missing for a known reason, so only the missing beyond that count are lost.
    /// </summary>
    public (int Delivered, int Lost, IReadOnlyList<long> Missing) Judge(long produced, long dropped)
    {
        IReadOnlyList<long> missing = Missing(produced);
        long excused = Math.Clamp(dropped, 0, missing.Count);
        return ((int)(produced - missing.Count), (int)(missing.Count - excused), missing);
    }

    /// <summary>Sequence numbers in 1..<paramref name="upTo"/> never received, in order.</summary>
    public IReadOnlyList<long> Missing(long upTo)
    {
        var missing = new List<long>();
        lock (_gate)
        {
            for (long s = 1; s <= upTo; s++)
            {
                if (!_seen.ContainsKey(s))
                {
                    missing.Add(s);
                }
            }
        }

        return missing;
    }
}
