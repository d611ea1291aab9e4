namespace AwsIotDevice.Core.Crypto
{
    /// <summary>
    /// Comparison of secret-dependent bytes (MACs) in time that depends only on the length, so a remote sender cannot
    /// learn how many leading bytes of a forged MAC were right. Stateless; any thread.
    /// </summary>
    public static class ConstantTime
    {
        /// <summary>
        /// True when <paramref name="a"/> and <paramref name="b"/> hold the same bytes. Different lengths (or a null)
        /// are unequal at once: the length of a MAC is public.
        /// </summary>
        public static bool AreEqual(byte[] a, byte[] b)
        {
            if (a == null || b == null || a.Length != b.Length)
            {
                return false;
            }

            int difference = 0;
            for (int i = 0; i < a.Length; i++)
            {
                difference |= a[i] ^ b[i];
            }

            return difference == 0;
        }
    }
}
