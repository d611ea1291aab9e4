using System;
using System.Collections;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Backoff;
using AwsIotDevice.Core.Mqtt;
using AwsIotDevice.Core.Provisioning;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.Core.Supervision;
using AwsIotDevice.Core.Telemetry;
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

            bool forceProvisioning = ProvisioningPin.IsHeldLow(BoardPins.ProvisioningButton);
            if (forceProvisioning)
            {
                log.Info("provisioning pin GPIO" + BoardPins.ProvisioningButton.ToString() + " is held low: stored settings ignored");
            }

            X509Certificate roots = LoadRoots(log);

            // The TLS socket is the only network code of the wss route; what it cannot do (ALPN) is refused by settings
            // validation, everywhere settings are checked.
            DeviceTlsConnector tls = new DeviceTlsConnector(roots);
            PlatformCapabilities capabilities = PlatformCapabilities.Of(tls);

            FileSettingsStore store = new FileSettingsStore();
            DeviceSettings stored = LoadSettings(store, log);
            DeviceSettings settings = stored != null && IsUsable(stored, capabilities, log) ? stored : null;

            WifiNetwork network = new WifiNetwork();

            // Every mode runs on Core's MQTT client over the one TLS connector, which never offers a client certificate:
            // wss = over Core's WebSocket client (default endpoint, no ALPN); domain = raw MQTT to a CUSTOM_AUTH domain
            // configuration (no ALPN); alpn = refused (no ALPN on this runtime).
            IMqttLink link = new CoreMqttLink(tls, clock, new DeviceRandom(), null);
            // Wi-Fi RSSI needs periodic scans (see WifiRssiProbe); pass one here to report rssi_dbm.
            ISensors sensors = new DeviceSensors(clock, null);

            int capacity = settings != null ? settings.QueueCapacity : DeviceSettings.DefaultQueueCapacity;
            Supervisor supervisor = new Supervisor(
                network,
                link,
                clock,
                sensors,
                log,
                new TelemetryQueue(capacity > 0 ? capacity : DeviceSettings.DefaultQueueCapacity),
                new BackoffPolicy(new DeviceRandom()),
                new ConnectGate());
            supervisor.Capabilities = capabilities;

            UartSerialLine serial = OpenSerial(log);
            if (serial != null)
            {
                // The session starts from what is stored (even if incomplete), so a user can fix one value.
                ProvisioningSession session = new ProvisioningSession(
                    serial, store, new DeviceControl(supervisor, log), stored != null ? stored : new DeviceSettings(), capabilities);
                new SerialSessionThread(session, log).Start();
            }

            if (settings != null && !forceProvisioning)
            {
                string problem = supervisor.ApplySettings(settings);
                if (problem == null)
                {
                    log.Info("settings loaded: " + SupervisorConfig.FromSettings(settings).DescribeTarget());
                }
            }

            if (settings == null || forceProvisioning)
            {
                log.Info("provisioning mode: connect a 3.3 V USB-serial adapter to COM2 (device RX = GPIO"
                    + BoardPins.ProvisioningRx.ToString() + ", TX = GPIO" + BoardPins.ProvisioningTx.ToString()
                    + ", GND), 115200 8N1, then run: iotctl provision --port <port> --file device.settings");
            }

            // Runs forever: Provisioning until a valid configuration arrives, then Network -> Time -> Connecting -> Publishing.
            supervisor.Run(null);
            Thread.Sleep(Timeout.Infinite);
        }

        /// <summary>Returns the stored settings as parsed (possibly incomplete), or null when nothing usable is stored.</summary>
        private static DeviceSettings LoadSettings(FileSettingsStore store, ILog log)
        {
            string text;
            try
            {
                text = store.Load();
            }
            catch (Exception ex)
            {
                log.Warn("could not read stored settings (" + ex.GetType().FullName + "); provisioning needed");
                return null;
            }

            if (text == null)
            {
                log.Info("no stored settings; provisioning needed");
                return null;
            }

            SettingsParseResult parsed = SettingsCodec.Parse(text);
            if (!parsed.Ok)
            {
                // SettingProblem text never contains secret values (Core's contract).
                log.Warn("stored settings have bad lines: " + Summarize(parsed.Errors));
            }

            return parsed.Settings;
        }

        /// <summary>True when <paramref name="settings"/> pass Core's validation; otherwise says why (secret-free).</summary>
        private static bool IsUsable(DeviceSettings settings, PlatformCapabilities capabilities, ILog log)
        {
            ArrayList problems = SettingsValidator.Validate(settings, capabilities);
            if (problems.Count == 0)
            {
                return true;
            }

            log.Warn("stored settings are not usable: " + Summarize(problems) + "; provisioning needed");
            return false;
        }

        private static string Summarize(ArrayList problems)
        {
            return ((SettingProblem)problems[0]).ToString()
                + (problems.Count > 1 ? " (and " + (problems.Count - 1).ToString() + " more)" : string.Empty);
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

        private static UartSerialLine OpenSerial(ILog log)
        {
            try
            {
                return new UartSerialLine(BoardPins.ProvisioningRx, BoardPins.ProvisioningTx);
            }
            catch (Exception ex)
            {
                log.Warn("COM2 could not be opened (" + ex.GetType().FullName + "); serial provisioning unavailable");
                return null;
            }
        }
    }
}
