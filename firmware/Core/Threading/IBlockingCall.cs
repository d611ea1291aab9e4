namespace AwsIotDevice.Core.Threading
{
    /// <summary>
    /// One blocking platform call (a Wi-Fi join, a connect, a close) packaged so that an <see cref="ICallWorker"/> can
    /// run it off the supervisor's thread. The object carries its own arguments and result.
    /// </summary>
    public interface IBlockingCall
    {
        /// <summary>
        /// Makes the call and stores its result in the object. Runs on the worker's thread; must not throw (a worker
        /// swallows what escapes, but the result is then lost).
        /// </summary>
        void Invoke();
    }
}
