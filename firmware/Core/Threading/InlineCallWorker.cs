namespace AwsIotDevice.Core.Threading
{
    /// <summary>
    /// Runs each call on the caller's own thread, inside <see cref="TryStart"/>: no bound can be enforced, since the
    /// caller is the one blocked. The supervisor's default, for deterministic tests and platforms without threads.
    /// </summary>
    public class InlineCallWorker : ICallWorker
    {
        /// <summary>Runs <paramref name="call"/> to its end and returns true.</summary>
        public bool TryStart(IBlockingCall call)
        {
            call.Invoke();
            return true;
        }

        /// <summary>Always true: nothing runs between calls.</summary>
        public bool IsIdle
        {
            get { return true; }
        }

        /// <summary>Returns true at once.</summary>
        public bool WaitIdle(int timeoutMs)
        {
            return true;
        }
    }
}
