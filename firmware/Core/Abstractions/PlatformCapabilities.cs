namespace AwsIotDevice.Core.Abstractions
{
    /// <summary>
    /// What the platform the settings will run on can do, as far as settings validation cares: a setting the platform
    /// cannot honour is refused when it is validated (SET, COMMIT, at boot) with a message saying what to use instead,
    /// rather than accepted and failing at every connection attempt. On the board the single source is the platform's
    /// <see cref="ITlsConnector"/> (<see cref="Of"/>); host tools that validate for no particular platform use
    /// <see cref="Unrestricted"/>. Immutable; any thread.
    /// </summary>
    public sealed class PlatformCapabilities
    {
        /// <summary>A platform that can do everything the settings can ask for (the virtual device, host tools).</summary>
        public static readonly PlatformCapabilities Unrestricted = new PlatformCapabilities(true);

        /// <summary>Capabilities with the given ALPN support.</summary>
        public PlatformCapabilities(bool canSendAlpn)
            : this(canSendAlpn, AwsIotDevice.Core.Settings.SettingsValidator.MaxQueueCapacity)
        {
        }

        private PlatformCapabilities(bool canSendAlpn, int maxQueueCapacity)
        {
            CanSendAlpn = canSendAlpn;
            MaxQueueCapacity = maxQueueCapacity;
        }

        /// <summary>Whether TLS ALPN "mqtt" can be sent (needed by aws.mode=alpn).</summary>
        public bool CanSendAlpn { get; private set; }

        /// <summary>
        /// The largest telemetry.queueCapacity whose preallocated queue fits this platform's free heap (the board's comes
        /// from QueueBudget at boot); SET and COMMIT refuse more. Default: SettingsValidator.MaxQueueCapacity.
        /// </summary>
        public int MaxQueueCapacity { get; private set; }

        /// <summary>These capabilities with <see cref="MaxQueueCapacity"/> = <paramref name="maxQueueCapacity"/> (1 or more).</summary>
        /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="maxQueueCapacity"/> is less than 1.</exception>
        public PlatformCapabilities WithMaxQueueCapacity(int maxQueueCapacity)
        {
            if (maxQueueCapacity < 1)
            {
                throw new System.ArgumentOutOfRangeException("maxQueueCapacity");
            }

            return new PlatformCapabilities(CanSendAlpn, maxQueueCapacity);
        }

        /// <summary>The capabilities of the platform whose TLS is <paramref name="tls"/>.</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="tls"/> is null.</exception>
        public static PlatformCapabilities Of(ITlsConnector tls)
        {
            if (tls == null)
            {
                throw new System.ArgumentNullException("tls");
            }

            return new PlatformCapabilities(tls.CanSendAlpn);
        }
    }
}
