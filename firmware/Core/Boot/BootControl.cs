using System;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Provisioning;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.Core.Supervision;

namespace AwsIotDevice.Core.Boot
{
    /// <summary>
    /// The device as the provisioning session sees it during one boot. It exists before the supervisor (provisioning opens
    /// before the queue is allocated), so STATUS answers from the boot plan alone until <see cref="Attach"/>, and a COMMIT
    /// in that window is stored and applied by the next boot. Any thread.
    /// </summary>
    public sealed class BootControl : IDeviceControl
    {
        private readonly BootPlan _plan;
        private readonly ILog _log;
        private readonly IRestart _restart;
        private readonly object _sync = new object();
        private Supervisor _supervisor;

        /// <summary>Serves <paramref name="plan"/>'s boot; <paramref name="restart"/> is what REBOOT does.</summary>
        public BootControl(BootPlan plan, ILog log, IRestart restart)
        {
            _plan = plan ?? throw new ArgumentNullException("plan");
            _log = log ?? throw new ArgumentNullException("log");
            _restart = restart ?? throw new ArgumentNullException("restart");
        }

        /// <summary>The boot's plan.</summary>
        public BootPlan Plan
        {
            get { return _plan; }
        }

        /// <summary>The boot's supervisor, or null before <see cref="Attach"/>.</summary>
        public Supervisor Supervisor
        {
            get
            {
                lock (_sync)
                {
                    return _supervisor;
                }
            }
        }

        /// <summary>Hands over the supervisor once it exists.</summary>
        public void Attach(Supervisor supervisor)
        {
            lock (_sync)
            {
                _supervisor = supervisor;
            }
        }

        /// <inheritdoc />
        public string DescribeStatus()
        {
            Supervisor supervisor = Supervisor;
            return _plan.Describe(supervisor != null ? supervisor.GetStatus() : null);
        }

        /// <inheritdoc />
        public void OnCommitted(DeviceSettings settings)
        {
            Supervisor supervisor = Supervisor;
            if (supervisor == null)
            {
                _log.Info("new settings committed over serial; they apply at the next boot");
                return;
            }

            string problem = supervisor.ApplySettings(settings);
            if (problem == null)
            {
                _log.Info("new settings committed over serial: " + SupervisorConfig.FromSettings(settings).DescribeTarget());
            }
        }

        /// <inheritdoc />
        public void Reboot()
        {
            _restart.Restart("serial REBOOT");
        }
    }
}
