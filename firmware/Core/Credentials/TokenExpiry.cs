using System;
using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Core.Credentials
{
    /// <summary>
    /// When the device's token stops working, read once from the token (see <see cref="V1Token"/>; other token formats
    /// carry no expiry the device can read, and then every answer here is "unknown"), and what follows from it: the STATUS
    /// fields, the early warning, and whether a refused CONNECT is explained by the expiry. Holds no secret (the token is
    /// not kept). Immutable; any thread.
    /// </summary>
    public sealed class TokenExpiry
    {
        /// <summary>Default <c>aws.tokenWarnDays</c>: warn two weeks before the token expires.</summary>
        public const int DefaultWarnDays = 14;

        /// <summary>
        /// A refusal this close before the expiry (seconds) is still put down to it: the authorizer's clock and the
        /// device's SNTP time can differ by a few minutes, and AWS lets a session outlive its token by up to 5 minutes.
        /// </summary>
        public const long RefusalSkewSeconds = 300;

        /// <summary>STATUS value of tokenState while the token is valid and outside the warning window.</summary>
        public const string StateOk = "ok";

        /// <summary>STATUS value of tokenState inside the warning window.</summary>
        public const string StateExpiring = "expiring";

        /// <summary>STATUS value of tokenState from the expiry second on.</summary>
        public const string StateExpired = "expired";

        /// <summary>STATUS value of tokenState when the expiry or the time is not known.</summary>
        public const string StateUnknown = "unknown";

        private static readonly TokenExpiry Unknown = new TokenExpiry(null, 0);

        private TokenExpiry(string clientId, long expiresAt)
        {
            ClientId = clientId;
            ExpiresAtUnixSeconds = expiresAt;
        }

        /// <summary>The expiry of <paramref name="token"/> when it is a v1 token; otherwise one whose <see cref="IsKnown"/> is false.</summary>
        public static TokenExpiry Of(string token)
        {
            V1Token parsed = V1Token.Parse(token);
            return parsed == null ? Unknown : new TokenExpiry(parsed.ClientId, parsed.ExpiresAtUnixSeconds);
        }

        /// <summary>True when the token's expiry is known (a v1 token).</summary>
        public bool IsKnown
        {
            get { return ExpiresAtUnixSeconds > 0; }
        }

        /// <summary>The client id inside the token, or null when not known.</summary>
        public string ClientId { get; private set; }

        /// <summary>The first second at which the token no longer works (Unix), or 0 when not known.</summary>
        public long ExpiresAtUnixSeconds { get; private set; }

        /// <summary>The expiry as <c>2027-01-31T00:00:00Z</c>, or "-" when not known.</summary>
        public string ExpiresAtText
        {
            get { return IsKnown ? UnixTime.Format(ExpiresAtUnixSeconds) : "-"; }
        }

        /// <summary>True when the expiry is known and <paramref name="nowUnix"/> is at or after it.</summary>
        public bool IsExpiredAt(long nowUnix)
        {
            return IsKnown && nowUnix >= ExpiresAtUnixSeconds;
        }

        /// <summary>Whole days until the expiry (rounded down; 0 on the last day and after), or -1 when not known.</summary>
        public long DaysLeftAt(long nowUnix)
        {
            if (!IsKnown)
            {
                return -1;
            }

            long remaining = ExpiresAtUnixSeconds - nowUnix;
            return remaining <= 0 ? 0 : remaining / UnixTime.SecondsPerDay;
        }

        /// <summary>
        /// True when the token is not expired yet but will be within <paramref name="warnDays"/> days of
        /// <paramref name="nowUnix"/> (0 days: never warns before the expiry).
        /// </summary>
        public bool IsInWarningWindowAt(long nowUnix, int warnDays)
        {
            if (!IsKnown || IsExpiredAt(nowUnix) || warnDays <= 0)
            {
                return false;
            }

            return ExpiresAtUnixSeconds - nowUnix <= warnDays * UnixTime.SecondsPerDay;
        }

        /// <summary>tokenState for STATUS: <see cref="StateOk"/>, <see cref="StateExpiring"/>, <see cref="StateExpired"/> or <see cref="StateUnknown"/>.</summary>
        public string StateAt(long nowUnix, bool timeValid, int warnDays)
        {
            if (!IsKnown || !timeValid)
            {
                return StateUnknown;
            }

            if (IsExpiredAt(nowUnix))
            {
                return StateExpired;
            }

            return IsInWarningWindowAt(nowUnix, warnDays) ? StateExpiring : StateOk;
        }

        /// <summary>
        /// The STATUS fields, space-separated, for the end of <c>SupervisorStatus.Describe</c>:
        /// <c>tokenExpiresAt=2027-01-31T00:00:00Z tokenDaysLeft=59 tokenState=ok</c>. tokenDaysLeft is "-" while the time
        /// is not valid (before SNTP) or the expiry is not known; tokenExpiresAt is "-" when not known. Secret-free.
        /// </summary>
        public string StatusFields(DateTime nowUtc, bool timeValid, int warnDays)
        {
            long now = UnixTime.ToSeconds(nowUtc);
            TextBuilder b = new TextBuilder(80, 200);
            b.Append("tokenExpiresAt=").Append(ExpiresAtText);
            b.Append(" tokenDaysLeft=").Append(IsKnown && timeValid ? DaysLeftAt(now).ToString() : "-");
            b.Append(" tokenState=").Append(StateAt(now, timeValid, warnDays));
            return b.ToString();
        }

        /// <summary>
        /// One secret-free line for the log while the token is in its warning window or expired, e.g. "the token expires
        /// at 2027-01-31T00:00:00Z, in 13 day(s): renew it ...", or null when there is nothing to warn about (or the time
        /// is not valid). <see cref="TokenExpiryWarning"/> decides how often to say it.
        /// </summary>
        public string WarningAt(long nowUnix, bool timeValid, int warnDays)
        {
            if (!timeValid || !IsKnown)
            {
                return null;
            }

            if (IsExpiredAt(nowUnix))
            {
                return "the token expired at " + ExpiresAtText + ": the authorizer refuses it; " + RenewAdvice;
            }

            if (!IsInWarningWindowAt(nowUnix, warnDays))
            {
                return null;
            }

            return "the token expires at " + ExpiresAtText + ", in " + DaysLeftAt(nowUnix).ToString() + " day(s): " + RenewAdvice;
        }

        /// <summary>
        /// True when a refused CONNECT (the broker closed without CONNACK, or refused the credentials) is explained by the
        /// expiry: the time is valid and <paramref name="nowUnix"/> is at most <see cref="RefusalSkewSeconds"/> before the
        /// expiry, or after it. Phase 2 reports such a refusal as the TokenExpired fault instead of a generic refusal.
        /// </summary>
        public bool ExplainsRefusalAt(long nowUnix, bool timeValid)
        {
            return timeValid && IsKnown && nowUnix + RefusalSkewSeconds >= ExpiresAtUnixSeconds;
        }

        /// <summary>The fault detail for a refusal that <see cref="ExplainsRefusalAt"/>: secret-free, one line.</summary>
        public string RefusalDetail(long nowUnix)
        {
            string when = nowUnix >= ExpiresAtUnixSeconds
                ? "expired at " + ExpiresAtText
                : "expires at " + ExpiresAtText + " (within the " + RefusalSkewSeconds.ToString() + " s clock tolerance)";
            return "the broker refused the token, which " + when + "; " + RenewAdvice;
        }

        private const string RenewAdvice = "renew it over MQTT (iotctl credentials renew) or provision a new token (iotctl provision)";
    }
}
