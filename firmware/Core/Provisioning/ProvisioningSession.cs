using System;
using System.Collections;
using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Settings;

namespace AwsIotDevice.Core.Provisioning
{
    /// <summary>
    /// The device side of the serial provisioning protocol (<see cref="ProvisioningProtocol"/>).
    /// SET changes a staged copy of the settings; COMMIT validates the whole staged copy and stores it
    /// atomically through <see cref="ISettingsStore"/> (a bad value or a storage failure keeps the previous
    /// settings); ABORT drops the staged changes. Secrets are write-only: GET and every reply show them only
    /// as &lt;set&gt; or &lt;not set&gt;, and no reply ever repeats a value that was sent. COMMIT refuses, with
    /// <see cref="ProvisioningProtocol.ErrReenterSecrets"/>, to keep the stored token and signature across a change of
    /// where the device connects unless they were SET again in the same session (<see cref="CredentialBinding"/>).
    /// Not thread-safe: one thread owns a session.
    /// </summary>
    public class ProvisioningSession
    {
        private readonly ISerialLine _line;
        private readonly ISettingsStore _store;
        private readonly IDeviceControl _host;
        private readonly DeviceSettings _committed;
        private readonly PlatformCapabilities _capabilities;
        private DeviceSettings _staged;
        private bool _tokenSet;
        private bool _signatureSet;
        private bool _passwordSet;

        /// <summary>
        /// <paramref name="current"/> is the configuration in force (copied; may be incomplete, e.g. empty on a
        /// new device). Settings are validated for a platform that can do everything.
        /// </summary>
        public ProvisioningSession(ISerialLine line, ISettingsStore store, IDeviceControl host, DeviceSettings current)
            : this(line, store, host, current, PlatformCapabilities.Unrestricted)
        {
        }

        /// <summary>
        /// As the other constructor; SET and COMMIT validate for a platform with <paramref name="capabilities"/> (the
        /// board's, from its TLS connector: e.g. SET aws.mode alpn is refused where ALPN cannot be sent; null: unrestricted).
        /// </summary>
        public ProvisioningSession(ISerialLine line, ISettingsStore store, IDeviceControl host, DeviceSettings current, PlatformCapabilities capabilities)
        {
            if (line == null || store == null || host == null || current == null)
            {
                throw new ArgumentNullException(line == null ? "line" : store == null ? "store" : host == null ? "host" : "current");
            }

            _line = line;
            _store = store;
            _host = host;
            _committed = current.Clone();
            _staged = current.Clone();
            _capabilities = capabilities != null ? capabilities : PlatformCapabilities.Unrestricted;
        }

        /// <summary>True when SET changed something not yet committed or aborted.</summary>
        public bool HasStagedChanges
        {
            get { return !_staged.SameAs(_committed); }
        }

        /// <summary>
        /// Waits at most <paramref name="timeoutMs"/> for one line, answers it, and returns false only when the
        /// serial line is closed for good.
        /// </summary>
        public bool ServeOne(int timeoutMs)
        {
            string text;
            LineStatus status = _line.ReadLine(timeoutMs, ProvisioningProtocol.MaxLineLength, out text);
            switch (status)
            {
                case LineStatus.Closed:
                    return false;
                case LineStatus.Overflow:
                    _line.WriteLine(Error(ProvisioningProtocol.ErrLineTooLong, "line longer than " + ProvisioningProtocol.MaxLineLength.ToString() + " characters; nothing was changed"));
                    return true;
                case LineStatus.Line:
                    string reply = Handle(text);
                    if (reply != null)
                    {
                        _line.WriteLine(reply);
                        if (reply == RebootReply)
                        {
                            _host.Reboot();
                        }
                    }

                    return true;
                default:
                    return true;
            }
        }

        private const string RebootReply = "OK rebooting";

        /// <summary>
        /// Answers one command line. Returns the reply line, or null for a blank line (which is not a command).
        /// </summary>
        public string Handle(string text)
        {
            string command = text == null ? string.Empty : text.Trim();
            if (command.Length == 0)
            {
                return null;
            }

            string verb = command;
            string rest = string.Empty;
            int space = command.IndexOf(' ');
            if (space > 0)
            {
                verb = command.Substring(0, space);
                rest = command.Substring(space + 1).Trim();
            }

            switch (verb.ToUpper())
            {
                case ProvisioningProtocol.Hello:
                    return "OK HELLO protocol=" + ProvisioningProtocol.Version.ToString() + " device=AwsIotDevice maxLine=" + ProvisioningProtocol.MaxLineLength.ToString();
                case ProvisioningProtocol.Get:
                    return HandleGet(rest);
                case ProvisioningProtocol.Set:
                    return HandleSet(command, space);
                case ProvisioningProtocol.Commit:
                    return rest.Length == 0 ? HandleCommit() : Usage("COMMIT takes no arguments");
                case ProvisioningProtocol.Abort:
                    return rest.Length == 0 ? HandleAbort() : Usage("ABORT takes no arguments");
                case ProvisioningProtocol.Status:
                    return "OK " + _host.DescribeStatus() + " staged=" + (HasStagedChanges ? "1" : "0");
                case ProvisioningProtocol.Reboot:
                    return RebootReply;
                default:
                    return Error(ProvisioningProtocol.ErrUnknownCommand, "unknown command; commands: HELLO, GET key, SET key value, COMMIT, ABORT, STATUS, REBOOT");
            }
        }

        private string HandleGet(string key)
        {
            if (key.Length == 0 || key.IndexOf(' ') >= 0)
            {
                return Usage("GET key (one of " + SettingKeys.ListForMessage() + ")");
            }

            if (!SettingKeys.IsKnown(key))
            {
                return Error(ProvisioningProtocol.ErrUnknownKey, "unknown setting; known settings: " + SettingKeys.ListForMessage());
            }

            return "OK " + key + "=" + SettingsCodec.DescribeValue(_staged, key);
        }

        // The value is everything after "SET key ", spaces included, with the storage codec's escapes
        // (\n, \r, \\) so any value can travel on one line.
        private string HandleSet(string command, int firstSpace)
        {
            if (firstSpace < 0)
            {
                return Usage("SET key value");
            }

            string afterVerb = command.Substring(firstSpace + 1);
            int keyEnd = afterVerb.IndexOf(' ');
            string key = keyEnd < 0 ? afterVerb : afterVerb.Substring(0, keyEnd);
            string value = keyEnd < 0 ? string.Empty : SettingsCodec.UnescapeValue(afterVerb.Substring(keyEnd + 1));
            if (key.Length == 0)
            {
                return Usage("SET key value");
            }

            if (value == null)
            {
                // Storing "" here would silently turn e.g. a mistyped Wi-Fi password into an open network.
                return Error(ProvisioningProtocol.ErrInvalid, "bad escape in the value: only \\\\, \\n and \\r are allowed (nothing was changed)");
            }

            if (!SettingKeys.IsKnown(key))
            {
                return Error(ProvisioningProtocol.ErrUnknownKey, "unknown setting; known settings: " + SettingKeys.ListForMessage());
            }

            DeviceSettings probe = _staged.Clone();
            string refused = probe.Set(key, value);
            if (refused != null)
            {
                return Error(ProvisioningProtocol.ErrInvalid, refused);
            }

            SettingProblem problem = SettingsValidator.ValidateKey(probe, key, _capabilities);
            if (problem != null)
            {
                return Error(ProvisioningProtocol.ErrInvalid, problem.Message + " (nothing was changed)");
            }

            _staged = probe;
            NoteSecretSet(key);
            return "OK " + key + "=" + SettingsCodec.DescribeValue(_staged, key);
        }

        private string HandleAbort()
        {
            _staged = _committed.Clone();
            ForgetSecretsSet();
            return "OK aborted";
        }

        private string HandleCommit()
        {
            ArrayList problems = SettingsValidator.Validate(_staged, _capabilities);
            if (problems.Count > 0)
            {
                return Error(ProvisioningProtocol.ErrInvalid, problems.Count.ToString() + " problem(s), previous settings kept: " + Describe(problems));
            }

            // The stored bearer credential never follows the device to another endpoint, authorizer or client id.
            string rebound = CredentialBinding.RefusedChange(_committed, _staged, _tokenSet, _signatureSet, _passwordSet);
            if (rebound != null)
            {
                return Error(ProvisioningProtocol.ErrReenterSecrets, CredentialBinding.RefusalMessage(_committed, rebound));
            }

            try
            {
                // Under the store's lock: the renewal writes a new token into the same store from the supervisor's thread.
                lock (_store)
                {
                    _store.Save(SettingsCodec.FormatForStorage(_staged));
                }
            }
            catch (Exception ex)
            {
                return Error(ProvisioningProtocol.ErrStorage, "could not store the settings (" + ex.GetType().Name + "); previous settings kept");
            }

            _committed.CopyFrom(_staged);
            ForgetSecretsSet();
            _host.OnCommitted(_committed.Clone());
            return "OK committed";
        }

        // Credential binding counts a secret as re-entered when it was SET (accepted) since the last COMMIT or ABORT.
        private void NoteSecretSet(string key)
        {
            if (key == SettingKeys.AwsToken)
            {
                _tokenSet = true;
            }
            else if (key == SettingKeys.AwsSignature)
            {
                _signatureSet = true;
            }
            else if (key == SettingKeys.MqttPassword)
            {
                _passwordSet = true;
            }
        }

        private void ForgetSecretsSet()
        {
            _tokenSet = false;
            _signatureSet = false;
            _passwordSet = false;
        }

        private static string Describe(ArrayList problems)
        {
            string joined = string.Empty;
            for (int i = 0; i < problems.Count; i++)
            {
                SettingProblem problem = (SettingProblem)problems[i];
                joined += (i == 0 ? string.Empty : " | ") + problem.Key + ": " + problem.Message;
            }

            return joined;
        }

        private static string Usage(string message)
        {
            return Error(ProvisioningProtocol.ErrUsage, message);
        }

        private static string Error(string code, string message)
        {
            return ProvisioningProtocol.Err + " " + code + " " + OneLine(message);
        }

        // A reply is one line: a message must never smuggle a line break onto the wire.
        // (nanoFramework's string has no Replace.)
        private static string OneLine(string message)
        {
            if (message.IndexOf('\r') < 0 && message.IndexOf('\n') < 0)
            {
                return message;
            }

            char[] chars = message.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                if (chars[i] == '\r' || chars[i] == '\n')
                {
                    chars[i] = ' ';
                }
            }

            return new string(chars);
        }
    }
}
