namespace AwsIotDevice.Core.Credentials
{
    /// <summary>
    /// Why a credential renewal was refused: stable codes, sent as the <c>reason</c> of the acknowledgement and shown in
    /// STATUS (the detail beside them is for people). Never add a value of the message to a code.
    /// </summary>
    public static class RenewalReasons
    {
        /// <summary>Not JSON, or not the renewal message's shape (members, types, version, sizes).</summary>
        public const string Malformed = "malformed";

        /// <summary>The MAC does not verify under the device's renewal key: not from the backend, or altered.</summary>
        public const string BadMac = "bad-mac";

        /// <summary>The message or its token names another client id than this device's.</summary>
        public const string WrongClientId = "wrong-client-id";

        /// <summary>The token is not a v1 token.</summary>
        public const string BadToken = "bad-token";

        /// <summary>The signature is not 1..2560 characters of base64 (AWS's pattern).</summary>
        public const string BadSignature = "bad-signature";

        /// <summary>The new token is already expired.</summary>
        public const string Expired = "expired";

        /// <summary>The new token does not expire later than the one in force (an old renewal replayed, or a rollback).</summary>
        public const string NotNewer = "not-newer";

        /// <summary>notBefore is at or after the new token's expiry: it could never be used.</summary>
        public const string BadNotBefore = "bad-not-before";

        /// <summary>The broker refused the CONNECT made with the new token; the device went back to the old one.</summary>
        public const string BrokerRefused = "broker-refused";

        /// <summary>The device restarted too often while trying the new token; it went back to the old one.</summary>
        public const string GaveUp = "gave-up";

        /// <summary>The device takes no renewals (aws.renewalKey is empty).</summary>
        public const string Disabled = "renewal-disabled";

        /// <summary>The new token was accepted by the broker but could not be stored; the old one stays.</summary>
        public const string StorageFailed = "storage-failed";
    }
}
