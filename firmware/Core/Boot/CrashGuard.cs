using System;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Credentials;
using AwsIotDevice.Core.Settings;

namespace AwsIotDevice.Core.Boot
{
    /// <summary>
    /// Turns crashes into a record that survives the reboot, and a crash loop into safe mode.
    /// <para>
    /// A crash loop is <see cref="LoopCrashes"/> crashes within <see cref="LoopWindowMs"/>. A board has no wall clock at
    /// boot (SNTP comes after Wi-Fi), so the window is measured in uptime: the recent crashes' uptimes (plus the reboot
    /// delay each) add up to no more than the window. A boot that stays up for the window settles the record (its recent
    /// crashes are forgotten, the total count stays), so crashes a day apart never add up to a loop, and a device that
    /// ran in safe mode for the window boots normally next time. Boots that ended without a crash (power cut, REBOOT)
    /// are not seen; they can only make a loop look shorter than it was, never hide one.
    /// </para>
    /// <para>
    /// In safe mode the device still samples and serves serial provisioning; every CONNECT waits at the backoff cap
    /// (<c>Supervisor.SafeMode</c>), so a crash that follows a connect comes at most every two minutes while someone
    /// fixes the settings. Used by the supervisor's thread (<see cref="PollStable"/>) and the crash handler.
    /// </para>
    /// </summary>
    public sealed class CrashGuard
    {
        /// <summary>Crashes that make a loop.</summary>
        public const int LoopCrashes = 3;

        /// <summary>The window they must fall in: 10 minutes.</summary>
        public const long LoopWindowMs = 10 * 60 * 1000;

        /// <summary>How long the device waits between catching a crash and rebooting (the log and STATUS can be read).</summary>
        public const int RebootDelayMs = 5000;

        private readonly ICrashRecordStore _store;
        private readonly IClock _clock;
        private readonly ILog _log;
        private readonly ISettingsStore _settings;
        private CrashRecord _record;
        private bool _settled;

        /// <summary>
        /// Reads the record from <paramref name="store"/> (null: none kept, e.g. no storage; an unreadable record counts
        /// as none, said once in <paramref name="log"/>) and decides <see cref="SafeMode"/> for this boot.
        /// <paramref name="settings"/> (null: none) is the settings store, read again at a crash so that secrets
        /// committed or renewed since the boot are masked too.
        /// </summary>
        public CrashGuard(ICrashRecordStore store, IClock clock, ILog log, ISettingsStore settings)
        {
            _settings = settings;
            _clock = clock ?? throw new ArgumentNullException("clock");
            _log = log ?? throw new ArgumentNullException("log");
            _store = store;
            _record = CrashRecord.Empty;
            if (store != null)
            {
                try
                {
                    _record = CrashRecord.Parse(store.Load());
                }
                catch (Exception ex)
                {
                    _log.Warn("crash record could not be read (" + ex.GetType().FullName + "); counting from zero");
                }
            }

            SafeMode = IsLoop(_record);
            _settled = _record.RecentCount == 0;
        }

        /// <summary>True when this boot follows a crash loop (decided at construction).</summary>
        public bool SafeMode { get; private set; }

        /// <summary>The record as it is now.</summary>
        public CrashRecord Record
        {
            get { return _record; }
        }

        /// <summary>True when <paramref name="record"/>'s recent crashes make a loop (see the class comment).</summary>
        public static bool IsLoop(CrashRecord record)
        {
            if (record == null || record.RecentCount < LoopCrashes)
            {
                return false;
            }

            long total = 0;
            for (int i = record.RecentCount - LoopCrashes; i < record.RecentCount; i++)
            {
                total += record.RecentUptimeMs(i) + RebootDelayMs;
            }

            return total <= LoopWindowMs;
        }

        /// <summary>
        /// The secret-free reason for <paramref name="error"/>: its type and message, with every secret of
        /// <paramref name="secrets"/> (the settings in force; null: none) masked as SettingsImport masks them.
        /// </summary>
        public static string Describe(Exception error, DeviceSettings secrets)
        {
            if (error == null)
            {
                return "unknown";
            }

            string message = error.Message;
            string text = error.GetType().FullName + (message == null || message.Length == 0 ? string.Empty : ": " + message);
            return SettingsImport.Scrub(text, secrets);
        }

        /// <summary>
        /// Records a crash now: the count, the secret-free reason (<see cref="Describe"/>, also masking the secrets
        /// stored now), the uptime and the wall time
        /// when the clock is valid (<paramref name="timeValid"/>), saved to the store. Returns the reason. Never throws: a
        /// record that cannot be saved is said in the log, and the device reboots all the same.
        /// </summary>
        public string RecordCrash(Exception error, DeviceSettings secrets, bool timeValid)
        {
            string reason = SettingsImport.Scrub(Describe(error, secrets), StoredSettings());
            string time = timeValid ? UnixTime.Format(UnixTime.ToSeconds(_clock.UtcNow)) : string.Empty;
            _record = _record.After(reason, _clock.UptimeMs, time);
            Save("crash");
            return _record.LastReason;
        }

        // The settings stored now (what is in force, renewed token included); null when there are none or they cannot
        // be read: a crash is recorded all the same.
        private DeviceSettings StoredSettings()
        {
            if (_settings == null)
            {
                return null;
            }

            try
            {
                string text = _settings.Load();
                return text == null ? null : SettingsCodec.Parse(text).Settings;
            }
            catch (Exception)
            {
                return null;
            }
        }

        /// <summary>
        /// Settles the record once this boot has been up for <see cref="LoopWindowMs"/>. Cheap; call it often from the
        /// supervisor's thread. Always returns false, so it can serve as the supervisor's <c>StopCheck</c>.
        /// </summary>
        public bool PollStable()
        {
            if (!_settled && _clock.UptimeMs >= LoopWindowMs)
            {
                _settled = true;
                _record = _record.Settled();
                Save("settled");
                _log.Info("up for " + (LoopWindowMs / 60000).ToString() + " minutes: earlier crashes no longer count towards safe mode");
            }

            return false;
        }

        private void Save(string what)
        {
            if (_store == null)
            {
                return;
            }

            try
            {
                _store.Save(_record.Format());
            }
            catch (Exception ex)
            {
                _log.Warn("crash record (" + what + ") could not be saved (" + ex.GetType().FullName + ")");
            }
        }
    }
}
