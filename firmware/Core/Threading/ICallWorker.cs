namespace AwsIotDevice.Core.Threading
{
    /// <summary>
    /// Runs one <see cref="IBlockingCall"/> at a time away from the caller, so that the caller keeps its own loop
    /// (sampling readings on time) while a platform call with no timeout of its own blocks. A call cannot be killed:
    /// once started it occupies the worker until it returns, however long that takes. Used from one thread (the
    /// supervisor's).
    /// </summary>
    public interface ICallWorker
    {
        /// <summary>
        /// Starts <paramref name="call"/> and returns true; returns false, starting nothing, while an earlier call is
        /// still running. Never throws for a null-free argument.
        /// </summary>
        bool TryStart(IBlockingCall call);

        /// <summary>True when no call is running (the last one returned).</summary>
        bool IsIdle { get; }

        /// <summary>
        /// Blocks the caller until the running call returns or about <paramref name="timeoutMs"/> (0 or more) passed,
        /// whichever is first, and returns <see cref="IsIdle"/>. Returns at once when idle.
        /// </summary>
        bool WaitIdle(int timeoutMs);
    }
}
