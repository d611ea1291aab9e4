using System;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Backoff;
using AwsIotDevice.Core.Boot;
using AwsIotDevice.Core.Mqtt;
using AwsIotDevice.Core.Provisioning;
using AwsIotDevice.Core.Supervision;
using AwsIotDevice.Core.Threading;
using AwsIotDevice.Platform;

namespace AwsIotDevice
{
    /// <summary>
    /// Composition root: builds the platform adapters, loads the stored settings through Core, and runs the
    /// supervisor. Every decision lives in Core; this file only wires and tells the person at the bench what is
    /// happening (over the debugger output), never a secret.
    /// </summary>
    public static class Program
    {
        public static void Main()
        {
            DeviceClock clock = new DeviceClock();
            DebugLog log = new DebugLog(clock);
            log.Info("AwsIotDevice firmware starting");
            DeviceRestart restart = new DeviceRestart(log);
            try
            {
                Boot(clock, log, restart);
            }
            catch (Exception ex)
            {
                // Nothing may end Main: the crash is recorded (secret-free), the serial thread keeps answering STATUS
                // (it shows the crash) for a few seconds, then the board reboots. A watchdog would be the backstop for a
                // hang, but nanoFramework exposes none to managed code on ESP32 (see firmware/README.md).
                BootPlan plan = _plan;
                CrashGuard guard = plan != null ? plan.Crashes : new CrashGuard(new CrashRecordFile(), clock, log, null);
                string reason = guard.RecordCrash(ex, plan != null ? plan.Settings : null, clock.UtcNow.Year >= WifiNetwork.MinValidYear);
                log.Warn("crashed (" + guard.Record.Count.ToString() + " so far): " + reason + "; rebooting in "
                    + CrashGuard.RebootDelayMs.ToString() + " ms");
                Thread.Sleep(CrashGuard.RebootDelayMs);
                restart.Restart("crash");
            }

            Thread.Sleep(Timeout.Infinite);
        }

        // The boot's plan, as soon as it exists: a crash is recorded against it (its crash guard, its secrets to mask).
        private static BootPlan _plan;

        // One boot through Core's DeviceBootstrap; runs the supervisor until it throws (it never returns otherwise).
        private static void Boot(DeviceClock clock, DebugLog log, DeviceRestart restart)
        {
            bool forceProvisioning = ProvisioningPin.IsHeldLow(BoardPins.ProvisioningButton);
            if (forceProvisioning)
            {
                log.Info("provisioning pin GPIO" + BoardPins.ProvisioningButton.ToString() + " is held low: stored settings ignored");
            }

            X509Certificate roots = LoadRoots(log);

            // The TLS socket is the only network code of the wss route; what it cannot do (ALPN) is refused by settings
            // validation, everywhere settings are checked.
            DeviceTlsConnector tls = new DeviceTlsConnector(roots);
            FileSettingsStore store = new FileSettingsStore();

            BootInputs inputs = new BootInputs();
            inputs.Store = store;
            inputs.Import = new ImportFile();
            inputs.CrashRecords = new CrashRecordFile();
            inputs.Memory = new DeviceMemory();
            inputs.Clock = clock;
            inputs.Log = log;
            inputs.Capabilities = PlatformCapabilities.Of(tls);
            inputs.ProvisioningPinHeld = forceProvisioning;
            BootPlan plan = DeviceBootstrap.Prepare(inputs);
            _plan = plan;

            // Every mode runs on Core's MQTT client over the one TLS connector, which never offers a client certificate:
            // wss = over Core's WebSocket client (default endpoint, no ALPN); domain = raw MQTT to a CUSTOM_AUTH domain
            // configuration (no ALPN); alpn = refused (no ALPN on this runtime).
            BootParts parts = new BootParts();
            parts.Network = new WifiNetwork();
            parts.Link = new CoreMqttLink(tls, clock, new DeviceRandom(), null);

            // Wi-Fi RSSI needs periodic scans (see WifiRssiProbe); pass one here to report rssi_dbm.
            parts.Sensors = new DeviceSensors(clock, null);
            parts.Clock = clock;
            parts.Log = log;
            parts.Backoff = new BackoffPolicy(new DeviceRandom());
            parts.Gate = new ConnectGate();
            parts.Restart = restart;
            parts.Provisioning = new SerialProvisioning(store, log);

            // Join, DNS/TCP/TLS/CONNECT and close have no timeout of their own: bounded on a worker thread, readings
            // stay on time; a call stuck for StuckRestartMs throws BlockedCallException out of Run (restart the board).
            parts.CallWorker = new ThreadCallWorker();

            // Token expiry in STATUS and the log; renewals over MQTT (aws.renewalKey), the one in progress beside the settings.
            parts.RenewalHmac = new DeviceHmacSha256();
            parts.RenewalPendingStore = new FileSettingsStore("I:\\awsiot.pending");
            BootControl control = DeviceBootstrap.Start(plan, parts);

            if (plan.Problem != null)
            {
                log.Info("provisioning mode: connect a 3.3 V USB-serial adapter to COM2 (device RX = GPIO"
                    + BoardPins.ProvisioningRx.ToString() + ", TX = GPIO" + BoardPins.ProvisioningTx.ToString()
                    + ", GND), 115200 8N1, then run: iotctl provision --port <port> --file device.settings"
                    + " (or, over the flashing cable: iotctl provision --nanoff)");
            }

            // Runs forever: Provisioning until a valid configuration arrives, then Network -> Time -> Connecting -> Publishing.
            // The crash guard's check settles the crash record once the boot has been up for its window.
            control.Supervisor.Run(new StopCheck(plan.Crashes.PollStable));
        }

        private static X509Certificate LoadRoots(ILog log)
        {
            try
            {
                return TrustedRoots.Load();
            }
            catch (Exception ex)
            {
                // Without roots every TLS handshake fails; the supervisor reports TlsFailure with advice.
                log.Warn("embedded Amazon root CAs could not be loaded (" + ex.GetType().FullName + "); TLS will fail");
                return null;
            }
        }

        // Serial provisioning on COM2, opened by the bootstrap before the telemetry queue is allocated.
        private sealed class SerialProvisioning : IProvisioningStarter
        {
            private readonly FileSettingsStore _store;
            private readonly ILog _log;

            public SerialProvisioning(FileSettingsStore store, ILog log)
            {
                _store = store;
                _log = log;
            }

            public void Open(BootPlan plan, BootControl control)
            {
                UartSerialLine serial;
                try
                {
                    serial = new UartSerialLine(BoardPins.ProvisioningRx, BoardPins.ProvisioningTx);
                }
                catch (Exception ex)
                {
                    _log.Warn("COM2 could not be opened (" + ex.GetType().FullName + "); serial provisioning unavailable");
                    return;
                }

                // The session starts from what is stored (even if incomplete), so a user can fix one value; it validates
                // with the boot's capabilities (no alpn, the queue bound of this heap).
                ProvisioningSession session = new ProvisioningSession(serial, _store, control, plan.Settings, plan.Capabilities);
                new SerialSessionThread(session, _log).Start();
            }
        }
    }
}
