using AwsIotDevice.Core.Settings;

namespace AwsIotDevice.Core.Boot
{
    /// <summary>
    /// How many telemetry queue slots fit the heap the device has at boot. The queue is preallocated (every slot a
    /// Reading with its arrays), so a capacity that does not fit would throw OutOfMemoryException at every boot, curable
    /// only by re-flashing; the capacity is therefore bounded here and refused at SET and COMMIT above the bound.
    /// <para>
    /// <see cref="BytesPerSlot"/>: one slot measured on the host (64-bit .NET, <c>GC.GetAllocatedBytesForCurrentThread</c>
    /// around <c>new TelemetryQueue(n)</c>, tools/Benchmarks QueueSlotSize and the QueueBudget host test): about
    /// 240 B (the Reading object, its 8 names and 8 values arrays, the slot reference). nanoFramework's 32-bit references
    /// are smaller, but its heap rounds every object to 12-byte blocks with its own header, so 400 B (a 1.6x margin over
    /// the host figure) is budgeted per slot. <see cref="ReserveBytes"/> is kept for the rest of the application after the
    /// queue is allocated (provisioning session, MQTT and WebSocket buffers, payload writer, strings of a session).
    /// </para>
    /// Stateless; any thread.
    /// </summary>
    public static class QueueBudget
    {
        /// <summary>Heap budgeted per queue slot, in bytes (measured ~240 B on the host, see the class comment).</summary>
        public const int BytesPerSlot = 400;

        /// <summary>Heap left for the rest of the application, in bytes (32 KiB).</summary>
        public const int ReserveBytes = 32 * 1024;

        /// <summary>The smallest queue (what the device uses while the provisioning pin is held).</summary>
        public const int MinCapacity = 1;

        /// <summary>
        /// The largest capacity that fits <paramref name="freeBytes"/> of free heap (measured before the queue exists):
        /// (free - reserve) / per-slot, at least <see cref="MinCapacity"/>, at most
        /// <see cref="SettingsValidator.MaxQueueCapacity"/>. A negative value (the platform cannot tell) gives the latter.
        /// </summary>
        public static int MaxCapacity(long freeBytes)
        {
            if (freeBytes < 0)
            {
                return SettingsValidator.MaxQueueCapacity;
            }

            long slots = (freeBytes - ReserveBytes) / BytesPerSlot;
            if (slots < MinCapacity)
            {
                return MinCapacity;
            }

            return slots > SettingsValidator.MaxQueueCapacity ? SettingsValidator.MaxQueueCapacity : (int)slots;
        }
    }
}
