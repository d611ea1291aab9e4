using System;
using System.Threading;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Provisioning;

namespace AwsIotDevice.Platform
{
    /// <summary>
    /// Runs a <see cref="ProvisioningSession"/> on its own thread for the life of the device, next to the
    /// supervisor's thread: the serial line answers STATUS while telemetry flows, and accepts a new
    /// configuration at any time.
    /// </summary>
    public class SerialSessionThread
    {
        private const int ServeTimeoutMs = 1000;

        private readonly ProvisioningSession _session;
        private readonly ILog _log;
        private Thread _thread;

        /// <summary>Serves <paramref name="session"/> once <see cref="Start"/> is called.</summary>
        public SerialSessionThread(ProvisioningSession session, ILog log)
        {
            _session = session;
            _log = log;
        }

        /// <summary>Starts the serving thread (once).</summary>
        public void Start()
        {
            if (_thread != null)
            {
                return;
            }

            _thread = new Thread(Serve);
            _thread.Start();
        }

        private void Serve()
        {
            try
            {
                while (_session.ServeOne(ServeTimeoutMs))
                {
                }

                _log.Warn("serial provisioning line closed");
            }
            catch (Exception ex)
            {
                // ProvisioningSession should not throw; if it does, telemetry must go on without it.
                _log.Warn("serial provisioning stopped: " + ex.GetType().FullName);
            }
        }
    }
}
