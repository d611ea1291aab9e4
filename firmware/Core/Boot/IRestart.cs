namespace AwsIotDevice.Core.Boot
{
    /// <summary>Restarts the device: a board reboots; the virtual device starts a fresh boot.</summary>
    public interface IRestart
    {
        /// <summary>
        /// Restarts now (a board does not return). <paramref name="reason"/> is secret-free, for the log.
        /// </summary>
        void Restart(string reason);
    }
}
