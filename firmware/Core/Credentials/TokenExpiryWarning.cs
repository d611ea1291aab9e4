namespace AwsIotDevice.Core.Credentials
{
    /// <summary>
    /// Decides when to log the token's expiry warning, so a supervisor that checks every cycle says it once a day rather
    /// than every few seconds: the first time the warning applies, and then whenever the whole number of days left
    /// changes (and once when it expires). Not thread-safe: the supervisor's thread owns it.
    /// </summary>
    public sealed class TokenExpiryWarning
    {
        private long _lastDaysLeft = long.MinValue;
        private long _lastExpiry;

        /// <summary>
        /// The warning line to log now (see <see cref="TokenExpiry.WarningAt"/>), or null when there is none or it was
        /// already said for this number of days left. A new token (another expiry) starts over.
        /// </summary>
        public string Check(TokenExpiry expiry, long nowUnix, bool timeValid, int warnDays)
        {
            if (expiry == null)
            {
                return null;
            }

            string warning = expiry.WarningAt(nowUnix, timeValid, warnDays);
            if (warning == null)
            {
                return null;
            }

            long daysLeft = expiry.IsExpiredAt(nowUnix) ? -1 : expiry.DaysLeftAt(nowUnix);
            if (expiry.ExpiresAtUnixSeconds == _lastExpiry && daysLeft == _lastDaysLeft)
            {
                return null;
            }

            _lastExpiry = expiry.ExpiresAtUnixSeconds;
            _lastDaysLeft = daysLeft;
            return warning;
        }
    }
}
