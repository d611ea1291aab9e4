using AwsIotDevice.Core.Boot;

namespace AwsIotDevice.Tests.Fakes
{
    /// <summary>An <see cref="IRestart"/> that counts restarts.</summary>
    public class FakeRestart : IRestart
    {
        /// <summary>Restarts so far.</summary>
        public int Restarts;

        /// <summary>The last reason given.</summary>
        public string LastReason;

        /// <summary>See <see cref="IRestart.Restart"/>.</summary>
        public void Restart(string reason)
        {
            Restarts++;
            LastReason = reason;
        }
    }
}
