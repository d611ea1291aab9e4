using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Telemetry;

namespace AwsIotDevice.Core.Supervision
{
    /// <summary>
    /// Points of a session at which a feature beside telemetry (credential renewal, token expiry) joins the
    /// <see cref="Supervisor"/>, so the state machine does not grow with every feature. Called on the supervisor's thread
    /// only, except <see cref="StatusFields"/> (any thread). Implementations never throw and never sleep; the link they
    /// are given is the supervisor's, to use only during the call.
    /// </summary>
    public interface ISupervisorHooks
    {
        /// <summary>A configuration was adopted (at boot, after COMMIT); any session was closed before.</summary>
        void OnAdopted(SupervisorConfig config);

        /// <summary>
        /// Just before a CONNECT (network up, time valid): the configuration to connect with, <paramref name="config"/>
        /// itself or a copy with another credential. The supervisor keeps the copy when the CONNECT is accepted.
        /// </summary>
        SupervisorConfig ConfigForConnect(SupervisorConfig config);

        /// <summary>
        /// A CONNECT failed with <paramref name="fault"/> and the link's <paramref name="detail"/>: the fault to record
        /// (e.g. <see cref="Fault.TokenExpired"/> for a refusal explained by the token's expiry), and its detail.
        /// </summary>
        Fault OnConnectFailed(Fault fault, ref string detail);

        /// <summary>The broker accepted the CONNECT (subscribe here). True: end the session and connect again now.</summary>
        bool OnConnected(IMqttLink link);

        /// <summary>
        /// Once per step while connected, before the next publish or idle wait (act on what arrived during the last link
        /// call, publish what is due through <paramref name="publisher"/>, like every publish). True: end the session and
        /// connect again now, keeping every queued reading.
        /// </summary>
        bool OnService(PacedPublisher publisher);

        /// <summary>Secret-free <c>key=value</c> fields appended to STATUS ("" for none). Any thread.</summary>
        string StatusFields();
    }
}
