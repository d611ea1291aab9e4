namespace AwsIotDevice.Core.Abstractions
{
    /// <summary>
    /// A link or network that can be torn down from outside while one of its calls blocks on another thread: the
    /// supervisor calls <see cref="Abort"/> when a call passes its bound, so that the blocked call (a socket connect,
    /// a TLS handshake) fails and returns instead of holding the worker.
    /// </summary>
    public interface IAbortable
    {
        /// <summary>
        /// Closes whatever connection is being made or is open, from any thread, without waiting for the call in
        /// progress; that call then returns a fault. Quick, safe at any time and repeatedly, never throws. The object
        /// is used again only through a new connect or join.
        /// </summary>
        void Abort();
    }
}
