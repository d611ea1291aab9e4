using System;

namespace AwsIotDevice.Core.Threading
{
    /// <summary>
    /// A platform call has been blocked far past its bound (SupervisorConfig.StuckRestartMs). Nothing can end a
    /// stuck native call, and every later connect waits for it, so the supervisor gives up: this escapes
    /// <c>Supervisor.Run</c> for the composition root's crash handler to record and restart the device. The message
    /// is secret-free.
    /// </summary>
    public class BlockedCallException : Exception
    {
        /// <summary>Creates the exception for the call named <paramref name="callName"/>, blocked for <paramref name="blockedMs"/>.</summary>
        public BlockedCallException(string callName, long blockedMs)
            : base(callName + " has been blocked for " + blockedMs.ToString() + " ms; restarting is the only way out")
        {
            CallName = callName;
            BlockedMs = blockedMs;
        }

        /// <summary>The blocked call ("Wi-Fi join", "connect", "close").</summary>
        public string CallName { get; private set; }

        /// <summary>How long it had been blocked when the supervisor gave up.</summary>
        public long BlockedMs { get; private set; }
    }
}
