using System;
using System.Collections;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Settings;
using AwsIotDevice.Core.Supervision;
using AwsIotDevice.Core.Telemetry;

namespace AwsIotDevice.Core.Boot
{
    /// <summary>
    /// The one boot sequence, shared by the board's Program and the virtual device:
    /// <see cref="Prepare"/> (crash record -> free heap and queue bound -> stored settings -> a pending import file ->
    /// parse -> validate -> queue capacity) and <see cref="Start"/> (provisioning opens, then the queue is allocated, the
    /// supervisor built and offered the settings).
    /// <para>
    /// The import file (<see cref="SettingsImport"/>) is decided exactly as COMMIT decides, with the board's capabilities,
    /// and stored through the same <see cref="ISettingsStore"/>. Whatever the decision, the file is deleted, not renamed:
    /// it holds secrets, a refused copy must not stay on the drive nor be retried at every boot, and the person who copied
    /// it still has the original; STATUS (lastImport) and the log say what happened. Only when storing an accepted import
    /// fails is the file kept, so the next boot tries again instead of losing it.
    /// </para>
    /// Stateless; call from the boot thread.
    /// </summary>
    public static class DeviceBootstrap
    {
        /// <summary>Reads and decides everything the boot needs; never throws for bad storage content or I/O failures.</summary>
        /// <exception cref="ArgumentNullException">Store, Clock or Log is null.</exception>
        public static BootPlan Prepare(BootInputs inputs)
        {
            if (inputs == null || inputs.Store == null || inputs.Clock == null || inputs.Log == null)
            {
                throw new ArgumentNullException(inputs == null ? "inputs" : inputs.Store == null ? "Store" : inputs.Clock == null ? "Clock" : "Log");
            }

            ILog log = inputs.Log;
            BootPlan plan = new BootPlan();
            plan.Store = inputs.Store;
            plan.ProvisioningPinHeld = inputs.ProvisioningPinHeld;
            plan.Crashes = new CrashGuard(inputs.CrashRecords, inputs.Clock, log, inputs.Store);
            if (plan.SafeMode)
            {
                log.Warn("safe mode: " + CrashGuard.LoopCrashes.ToString() + " crashes within "
                    + (CrashGuard.LoopWindowMs / 60000).ToString() + " minutes (last: " + plan.Crashes.Record.LastReason
                    + "); serial provisioning works, every connect waits at the backoff cap");
            }

            plan.FreeHeapBytes = FreeHeap(inputs.Memory, log);
            plan.QueueMax = QueueBudget.MaxCapacity(plan.FreeHeapBytes);
            PlatformCapabilities platform = inputs.Capabilities != null ? inputs.Capabilities : PlatformCapabilities.Unrestricted;
            plan.Capabilities = platform.WithMaxQueueCapacity(plan.QueueMax);

            string storeProblem;
            string storedText = Load(inputs.Store, out storeProblem);
            plan.ImportStatus = BootPlan.NoImport;
            plan.ImportMessage = string.Empty;
            if (inputs.Import != null)
            {
                storedText = ApplyImport(inputs.Import, inputs.Store, storedText, plan, log, ref storeProblem);
            }

            Decide(plan, storedText, storeProblem);
            if (plan.Problem != null)
            {
                log.Warn("not provisioned: " + plan.Problem + "; waiting for provisioning on the serial line (SET ..., COMMIT)");
            }

            if (inputs.ProvisioningPinHeld)
            {
                plan.QueueCapacity = QueueBudget.MinCapacity;
            }
            else if (plan.SafeMode)
            {
                // The loop may be the queue's own allocation (the per-slot budget is an estimate): the smallest queue
                // keeps the serial line reachable between boots.
                plan.QueueCapacity = QueueBudget.MinCapacity;
                log.Warn("safe mode: the telemetry queue holds " + QueueBudget.MinCapacity.ToString() + " reading(s) until a boot stays up");
            }
            else if (plan.Problem == null)
            {
                plan.QueueCapacity = plan.Settings.QueueCapacity;
            }
            else
            {
                plan.QueueCapacity = DeviceSettings.DefaultQueueCapacity < plan.QueueMax ? DeviceSettings.DefaultQueueCapacity : plan.QueueMax;
            }

            log.Info("telemetry queue: " + plan.QueueCapacity.ToString() + " readings (at most " + plan.QueueMax.ToString()
                + " fit; free heap " + (plan.FreeHeapBytes < 0 ? "unknown" : plan.FreeHeapBytes.ToString() + " bytes") + ")");
            return plan;
        }

        /// <summary>
        /// Starts the boot <paramref name="plan"/> describes: opens provisioning (<see cref="BootParts.Provisioning"/>) first,
        /// so that even a queue that fails to allocate leaves the serial line up to fix the settings; then allocates the
        /// queue, builds the supervisor (the plan's capabilities and safe mode), and offers it the stored settings unless
        /// the provisioning pin was held. Returns the boot's control, whose Supervisor the caller runs.
        /// </summary>
        /// <exception cref="ArgumentNullException">An argument or a required part is null.</exception>
        public static BootControl Start(BootPlan plan, BootParts parts)
        {
            if (plan == null || parts == null || parts.Log == null || parts.Restart == null)
            {
                throw new ArgumentNullException(plan == null ? "plan" : parts == null ? "parts" : parts.Log == null ? "Log" : "Restart");
            }

            BootControl control = new BootControl(plan, parts.Log, parts.Restart);
            if (parts.Provisioning != null)
            {
                parts.Provisioning.Open(plan, control);
            }

            Supervisor supervisor = new Supervisor(
                parts.Network, parts.Link, parts.Clock, parts.Sensors, parts.Log, new TelemetryQueue(plan.QueueCapacity), parts.Backoff, parts.Gate);
            supervisor.Capabilities = plan.Capabilities;
            supervisor.SafeMode = plan.SafeMode;
            supervisor.CallWorker = parts.CallWorker;
            if (parts.RenewalHmac != null && parts.RenewalPendingStore != null)
            {
                supervisor.EnableRenewal(parts.RenewalHmac, plan.Store, parts.RenewalPendingStore);
            }

            control.Attach(supervisor);

            if (plan.ProvisioningPinHeld)
            {
                parts.Log.Info("provisioning pin held: stored settings not run");
            }
            else if (plan.HasStoredSettings)
            {
                // Incomplete settings are offered too: the refusal is counted and STATUS shows it with the reason.
                if (supervisor.ApplySettings(plan.Settings) == null)
                {
                    parts.Log.Info("settings loaded: " + SupervisorConfig.FromSettings(plan.Settings).DescribeTarget());
                }
            }

            return control;
        }

        private static long FreeHeap(IMemoryInfo memory, ILog log)
        {
            if (memory == null)
            {
                return -1;
            }

            try
            {
                return memory.FreeBytes();
            }
            catch (Exception ex)
            {
                log.Warn("free heap unknown (" + ex.GetType().FullName + ")");
                return -1;
            }
        }

        private static string Load(ISettingsStore store, out string problem)
        {
            problem = null;
            try
            {
                return store.Load();
            }
            catch (Exception ex)
            {
                // The exception's message could quote file content: its type is enough at the bench.
                problem = "stored settings could not be read (" + ex.GetType().FullName + ")";
                return null;
            }
        }

        private static string ApplyImport(IImportFile import, ISettingsStore store, string storedText, BootPlan plan, ILog log, ref string storeProblem)
        {
            byte[] bytes;
            try
            {
                bytes = import.Read(SettingsImport.MaxBytes);
            }
            catch (Exception ex)
            {
                Refuse(plan, log, "unreadable", "the import file could not be read (" + ex.GetType().FullName + "); the previous settings stay");
                Delete(import, log);
                return storedText;
            }

            if (bytes == null)
            {
                return storedText;
            }

            SettingsImportDecision decision = SettingsImport.Decide(storedText, bytes, bytes.Length, plan.Capabilities);
            if (!decision.Apply)
            {
                Refuse(plan, log, decision.Code, decision.Message);
                Delete(import, log);
                return storedText;
            }

            try
            {
                store.Save(decision.SettingsText);
            }
            catch (Exception ex)
            {
                Refuse(plan, log, "store-failed", "the import is valid but could not be stored (" + ex.GetType().FullName
                    + "); the previous settings stay and the import file is kept for the next boot");
                return storedText;
            }

            plan.ImportStatus = SettingsImport.Applied;
            plan.ImportMessage = decision.Message;
            log.Info(decision.Message);
            Delete(import, log);
            storeProblem = null;
            return decision.SettingsText;
        }

        private static void Refuse(BootPlan plan, ILog log, string code, string message)
        {
            plan.ImportStatus = "rejected:" + code;
            plan.ImportMessage = message;
            log.Warn("import refused (" + code + "): " + message);
        }

        private static void Delete(IImportFile import, ILog log)
        {
            try
            {
                import.Delete();
            }
            catch (Exception ex)
            {
                log.Warn("the import file could not be deleted (" + ex.GetType().FullName + "); the next boot decides on it again");
            }
        }

        private static void Decide(BootPlan plan, string storedText, string storeProblem)
        {
            plan.Settings = new DeviceSettings();
            if (storeProblem != null)
            {
                plan.Problem = storeProblem;
                return;
            }

            if (storedText == null || storedText.Length == 0)
            {
                plan.Problem = "no settings stored";
                return;
            }

            SettingsParseResult parsed = SettingsCodec.Parse(storedText);
            plan.Settings = parsed.Settings;
            if (!parsed.Ok)
            {
                plan.Problem = SettingsImport.Scrub("stored settings have a bad line: " + Summarize(parsed.Errors), parsed.Settings);
                return;
            }

            plan.HasStoredSettings = true;
            ArrayList problems = SettingsValidator.Validate(parsed.Settings, plan.Capabilities);
            if (problems.Count > 0)
            {
                plan.Problem = SettingsImport.Scrub(Summarize(problems), parsed.Settings);
                return;
            }

            if (plan.ProvisioningPinHeld)
            {
                plan.Problem = "the provisioning pin is held: stored settings ignored";
            }
        }

        private static string Summarize(ArrayList problems)
        {
            return ((SettingProblem)problems[0]).Message
                + (problems.Count > 1 ? " (and " + (problems.Count - 1).ToString() + " more)" : string.Empty);
        }
    }
}
