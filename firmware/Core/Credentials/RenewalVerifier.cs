using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Crypto;

namespace AwsIotDevice.Core.Credentials
{
    /// <summary>
    /// Decides whether to believe a renewal message (<see cref="RenewalMessage"/>), in this order, the MAC before anything
    /// that judges the content, so an unauthenticated message learns nothing but "bad-mac":
    /// <list type="number">
    /// <item>it is a renewal message (JSON, members, types, sizes; signature syntax per AWS: 1..2560 of
    /// <c>[A-Za-z0-9+/]+={0,2}</c>);</item>
    /// <item>its MAC is HMAC-SHA256 under the device's renewal key over the canonical text (compared in constant time);</item>
    /// <item>its clientId is the device's;</item>
    /// <item>its token is a v1 token for that same client id;</item>
    /// <item>the token is not expired at <c>now</c>;</item>
    /// <item>the token expires later than the token in force (so an old renewal replayed cannot roll the device back;
    /// a current token that is not v1 has no expiry to compare, and any later v1 token passes);</item>
    /// <item>notBefore, when given, is before the token's expiry (a later switch time is respected by the caller:
    /// <see cref="RenewalVerdict.NotBefore"/>).</item>
    /// </list>
    /// Stateless apart from its inputs; any thread (if the <see cref="IHmacSha256"/> is).
    /// </summary>
    public static class RenewalVerifier
    {
        /// <summary>
        /// Verifies <paramref name="count"/> bytes of <paramref name="payload"/> from <paramref name="offset"/> for the device
        /// <paramref name="deviceClientId"/>, whose token in force is <paramref name="currentToken"/>, under
        /// <paramref name="renewalKey"/> (32 bytes; null: renewals are off) at <paramref name="nowUnix"/> (valid time: the
        /// device is connected, so TLS already needed it). Never throws for bad input.
        /// </summary>
        public static RenewalVerdict Verify(byte[] payload, int offset, int count, string deviceClientId, string currentToken, byte[] renewalKey, IHmacSha256 hmac, long nowUnix)
        {
            if (renewalKey == null || hmac == null)
            {
                return Refuse(RenewalReasons.Disabled, "this device takes no renewals: aws.renewalKey is empty", 0);
            }

            string reason;
            string detail;
            RenewalMessage message = RenewalMessage.Parse(payload, offset, count, out reason, out detail);
            if (message == null)
            {
                return Refuse(reason, detail, 0);
            }

            byte[] expected = hmac.Compute(renewalKey, RenewalMessage.CanonicalBytes(message.ClientId, message.Token, message.Signature, message.NotBefore));
            if (!ConstantTime.AreEqual(expected, message.Mac))
            {
                return Refuse(RenewalReasons.BadMac, "the mac does not verify under this device's renewal key: the message is not from the backend, or was changed", 0);
            }

            if (message.ClientId != deviceClientId)
            {
                return Refuse(RenewalReasons.WrongClientId, "the renewal is for another client id than this device's", 0);
            }

            string tokenProblem;
            V1Token token = V1Token.Parse(message.Token, out tokenProblem);
            if (token == null)
            {
                return Refuse(RenewalReasons.BadToken, "the new " + tokenProblem, 0);
            }

            if (token.ClientId != deviceClientId)
            {
                return Refuse(RenewalReasons.WrongClientId, "the new token was issued for another client id than this device's", token.ExpiresAtUnixSeconds);
            }

            if (token.IsExpiredAt(nowUnix))
            {
                return Refuse(RenewalReasons.Expired, "the new token expired at " + UnixTime.Format(token.ExpiresAtUnixSeconds), token.ExpiresAtUnixSeconds);
            }

            if (message.Token == currentToken)
            {
                return new RenewalVerdict(false, RenewalReasons.NotNewer, "the renewal carries the token already in force", null, null, 0, token.ExpiresAtUnixSeconds, true);
            }

            V1Token current = V1Token.Parse(currentToken);
            if (current != null && token.ExpiresAtUnixSeconds <= current.ExpiresAtUnixSeconds)
            {
                return Refuse(
                    RenewalReasons.NotNewer,
                    "the new token expires at " + UnixTime.Format(token.ExpiresAtUnixSeconds) + ", not later than the one in force (" + UnixTime.Format(current.ExpiresAtUnixSeconds) + "): an old renewal is not taken again",
                    token.ExpiresAtUnixSeconds);
            }

            if (message.NotBefore >= token.ExpiresAtUnixSeconds)
            {
                return Refuse(RenewalReasons.BadNotBefore, "notBefore is not before the new token's expiry, so it could never be used", token.ExpiresAtUnixSeconds);
            }

            return new RenewalVerdict(true, string.Empty, string.Empty, message.Token, message.Signature, message.NotBefore, token.ExpiresAtUnixSeconds);
        }

        private static RenewalVerdict Refuse(string reason, string detail, long expiresAt)
        {
            return new RenewalVerdict(false, reason, detail, null, null, 0, expiresAt);
        }
    }
}
