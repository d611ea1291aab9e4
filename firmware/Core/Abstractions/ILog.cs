namespace AwsIotDevice.Core.Abstractions
{
    /// <summary>Human-readable progress for the bench (debug output on the board, console on the host).
    /// Callers never pass secrets.</summary>
    public interface ILog
    {
        void Info(string message);

        void Warn(string message);
    }
}
