namespace AwsIotDevice.Core.Provisioning
{
    /// <summary>
    /// The serial provisioning protocol: one command per line, one reply line per command, beginning "OK" or
    /// "ERR &lt;code&gt; &lt;message&gt;". Shared by the device (ProvisioningSession) and the host tool.
    /// </summary>
    public static class ProvisioningProtocol
    {
        /// <summary>Bumped when a command or reply changes incompatibly; HELLO reports it.</summary>
        public const int Version = 1;

        /// <summary>
        /// Longest accepted line: "SET aws.token " plus a 6144-character token, with room to spare.
        /// Longer lines are discarded unread and answered with <see cref="ErrLineTooLong"/>.
        /// </summary>
        public const int MaxLineLength = 8192;

        public const int BaudRate = 115200;

        public const string Hello = "HELLO";
        public const string Get = "GET";
        public const string Set = "SET";
        public const string Commit = "COMMIT";
        public const string Abort = "ABORT";
        public const string Status = "STATUS";
        public const string Reboot = "REBOOT";

        public const string Ok = "OK";
        public const string Err = "ERR";

        public const string ErrUnknownCommand = "unknown-command";
        public const string ErrUsage = "usage";
        public const string ErrUnknownKey = "unknown-key";
        public const string ErrInvalid = "invalid";
        public const string ErrStorage = "storage";
        public const string ErrLineTooLong = "line-too-long";

        /// <summary>
        /// COMMIT refused: a setting that decides where the device connects changed, but aws.token and aws.signature were
        /// not both SET again in the session (nor mqtt.password, when one is stored). The message starts with the keys to
        /// re-enter, space-separated: "aws.token aws.signature", then " mqtt.password" when that is stored too.
        /// </summary>
        public const string ErrReenterSecrets = "reenter-secrets";
    }
}
