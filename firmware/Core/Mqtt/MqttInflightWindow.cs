using System;

namespace AwsIotDevice.Core.Mqtt
{
    /// <summary>
    /// The QoS 1 publishes of one session whose outcome the caller has not collected yet, by packet id, in a fixed
    /// number of slots allocated once. A slot is taken when the PUBLISH is sent, marked when its PUBACK arrives (in any
    /// order), and freed only when the caller collects it (<see cref="Remove"/>), so an acknowledgement that arrives
    /// while nobody waits is not lost. Linear scans: the window is small (AWS allows 100 in flight). Not thread-safe.
    /// </summary>
    public sealed class MqttInflightWindow
    {
        /// <summary><see cref="StateOf"/>: the id is not in the window.</summary>
        public const int Absent = -1;

        /// <summary><see cref="StateOf"/>: sent, no PUBACK yet.</summary>
        public const int Pending = 0;

        /// <summary><see cref="StateOf"/>: PUBACK received, not collected yet.</summary>
        public const int Acknowledged = 1;

        private readonly int[] _ids;
        private readonly bool[] _acknowledged;
        private int _count;

        /// <summary>A window of <paramref name="capacity"/> slots (1..65535).</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is outside 1..65535.</exception>
        public MqttInflightWindow(int capacity)
        {
            if (capacity < 1 || capacity > 65535)
            {
                throw new ArgumentOutOfRangeException("capacity");
            }

            _ids = new int[capacity];
            _acknowledged = new bool[capacity];
        }

        /// <summary>Number of slots.</summary>
        public int Capacity
        {
            get { return _ids.Length; }
        }

        /// <summary>Slots in use (pending or acknowledged but not collected).</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>True when no slot is free.</summary>
        public bool IsFull
        {
            get { return _count == _ids.Length; }
        }

        /// <summary><see cref="Absent"/>, <see cref="Pending"/> or <see cref="Acknowledged"/> for <paramref name="packetId"/>.</summary>
        public int StateOf(int packetId)
        {
            int slot = SlotOf(packetId);
            if (slot < 0)
            {
                return Absent;
            }

            return _acknowledged[slot] ? Acknowledged : Pending;
        }

        /// <summary>Takes a slot for <paramref name="packetId"/> (1..65535, not already in the window); false when full.</summary>
        public bool Add(int packetId)
        {
            if (IsFull)
            {
                return false;
            }

            for (int i = 0; i < _ids.Length; i++)
            {
                if (_ids[i] == 0)
                {
                    _ids[i] = packetId;
                    _acknowledged[i] = false;
                    _count++;
                    return true;
                }
            }

            return false;
        }

        /// <summary>Marks <paramref name="packetId"/> acknowledged; false when it was not pending (unknown or already acknowledged).</summary>
        public bool Acknowledge(int packetId)
        {
            int slot = SlotOf(packetId);
            if (slot < 0 || _acknowledged[slot])
            {
                return false;
            }

            _acknowledged[slot] = true;
            return true;
        }

        /// <summary>Frees the slot of <paramref name="packetId"/>; false when it was not in the window.</summary>
        public bool Remove(int packetId)
        {
            int slot = SlotOf(packetId);
            if (slot < 0)
            {
                return false;
            }

            _ids[slot] = 0;
            _acknowledged[slot] = false;
            _count--;
            return true;
        }

        /// <summary>Frees every slot (the session ended: its publishes have no outcome any more).</summary>
        public void Clear()
        {
            for (int i = 0; i < _ids.Length; i++)
            {
                _ids[i] = 0;
                _acknowledged[i] = false;
            }

            _count = 0;
        }

        private int SlotOf(int packetId)
        {
            if (packetId <= 0)
            {
                return -1;
            }

            for (int i = 0; i < _ids.Length; i++)
            {
                if (_ids[i] == packetId)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
