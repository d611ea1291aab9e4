using System;
using AwsIotDevice.Core.Credentials;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Credentials
{
    [TestClass]
    public class TokenExpiryTests
    {
        // v1.ZGV2aWNlLTAx.1801353600: device-01 until 2027-01-31T00:00:00Z.
        private const string Token = "v1.ZGV2aWNlLTAx.1801353600";

        private const long Expiry = 1801353600;

        private const long Day = 86400;

        [TestMethod]
        public void UnixTimeRoundTripsAndFormatsIso8601()
        {
            Assert.AreEqual("2027-01-31T00:00:00Z", UnixTime.Format(Expiry));
            Assert.AreEqual("1970-01-01T00:00:00Z", UnixTime.Format(0));
            Assert.AreEqual("9999-12-31T23:59:59Z", UnixTime.Format(253402300799));
            Assert.AreEqual("2026-12-03T07:08:09Z", UnixTime.Format(UnixTime.ToSeconds(new DateTime(2026, 12, 3, 7, 8, 9))));
            Assert.AreEqual(Expiry, UnixTime.ToSeconds(UnixTime.FromSeconds(Expiry)));
            Assert.AreEqual("-", UnixTime.Format(-1));
        }

        [TestMethod]
        public void StatusFieldsShowExpiryDaysLeftAndState()
        {
            TokenExpiry expiry = TokenExpiry.Of(Token);
            DateTime now = UnixTime.FromSeconds(Expiry - (59 * Day) - 3600);

            Assert.AreEqual("tokenExpiresAt=2027-01-31T00:00:00Z tokenDaysLeft=59 tokenState=ok", expiry.StatusFields(now, true, 14));
        }

        [TestMethod]
        public void StatusFieldsInsideTheWindowAfterExpiryAndWithoutTime()
        {
            TokenExpiry expiry = TokenExpiry.Of(Token);

            Assert.AreEqual("tokenExpiresAt=2027-01-31T00:00:00Z tokenDaysLeft=13 tokenState=expiring", expiry.StatusFields(UnixTime.FromSeconds(Expiry - (13 * Day) - 1), true, 14));
            Assert.AreEqual("tokenExpiresAt=2027-01-31T00:00:00Z tokenDaysLeft=0 tokenState=expiring", expiry.StatusFields(UnixTime.FromSeconds(Expiry - 1), true, 14));
            Assert.AreEqual("tokenExpiresAt=2027-01-31T00:00:00Z tokenDaysLeft=0 tokenState=expired", expiry.StatusFields(UnixTime.FromSeconds(Expiry), true, 14));
            Assert.AreEqual("tokenExpiresAt=2027-01-31T00:00:00Z tokenDaysLeft=- tokenState=unknown", expiry.StatusFields(UnixTime.FromSeconds(0), false, 14));
        }

        [TestMethod]
        public void ATokenWithoutAReadableExpiryIsUnknownEverywhere()
        {
            TokenExpiry expiry = TokenExpiry.Of("device-01:opaque");

            Assert.IsFalse(expiry.IsKnown);
            Assert.AreEqual("tokenExpiresAt=- tokenDaysLeft=- tokenState=unknown", expiry.StatusFields(UnixTime.FromSeconds(Expiry), true, 14));
            Assert.IsNull(expiry.WarningAt(Expiry, true, 14));
            Assert.IsFalse(expiry.ExplainsRefusalAt(Expiry + Day, true));
            Assert.AreEqual(-1L, expiry.DaysLeftAt(0));
            Assert.IsFalse(TokenExpiry.Of(null).IsKnown);
        }

        [TestMethod]
        public void TheWarningWindowStartsWarnDaysBeforeAndZeroTurnsItOff()
        {
            TokenExpiry expiry = TokenExpiry.Of(Token);

            Assert.IsFalse(expiry.IsInWarningWindowAt(Expiry - (14 * Day) - 1, 14));
            Assert.IsTrue(expiry.IsInWarningWindowAt(Expiry - (14 * Day), 14));
            Assert.IsTrue(expiry.IsInWarningWindowAt(Expiry - 1, 14));
            Assert.IsFalse(expiry.IsInWarningWindowAt(Expiry, 14), "expired is not 'expiring'");
            Assert.IsFalse(expiry.IsInWarningWindowAt(Expiry - 1, 0));
            Assert.IsNull(expiry.WarningAt(Expiry - (20 * Day), true, 14));

            string warning = expiry.WarningAt(Expiry - (3 * Day) - 5, true, 14);
            Assert.Contains("expires at 2027-01-31T00:00:00Z, in 3 day(s)", warning);
            Assert.Contains("iotctl credentials renew", warning);
            Assert.DoesNotContains(Token, warning);
            Assert.Contains("expired at 2027-01-31T00:00:00Z", expiry.WarningAt(Expiry + 1, true, 14));
            Assert.IsNull(expiry.WarningAt(Expiry + 1, false, 14), "no time, no judgement");
        }

        [TestMethod]
        public void TheWarningIsSaidOnceADay()
        {
            TokenExpiry expiry = TokenExpiry.Of(Token);
            TokenExpiryWarning warning = new TokenExpiryWarning();
            long start = Expiry - (2 * Day) - 100;

            Assert.IsNotNull(warning.Check(expiry, start, true, 14));
            Assert.IsNull(warning.Check(expiry, start + 10, true, 14));
            Assert.IsNull(warning.Check(expiry, start + 99, true, 14));
            Assert.IsNotNull(warning.Check(expiry, start + 101, true, 14), "one day less left");
            Assert.IsNull(warning.Check(expiry, start + 200, true, 14));
            Assert.IsNotNull(warning.Check(expiry, Expiry, true, 14), "expired");
            Assert.IsNull(warning.Check(expiry, Expiry + Day, true, 14));

            TokenExpiry renewed = TokenExpiry.Of("v1.ZGV2aWNlLTAx.1801440000");
            Assert.IsNotNull(warning.Check(renewed, 1801440000 - 100, true, 14), "a new token starts over");
            Assert.IsNull(warning.Check(null, 0, true, 14));
        }

        [TestMethod]
        public void ARefusalIsPutDownToTheExpiryOnlyWhenItExplainsIt()
        {
            TokenExpiry expiry = TokenExpiry.Of(Token);

            Assert.IsFalse(expiry.ExplainsRefusalAt(Expiry - TokenExpiry.RefusalSkewSeconds - 1, true));
            Assert.IsTrue(expiry.ExplainsRefusalAt(Expiry - TokenExpiry.RefusalSkewSeconds, true), "clock tolerance");
            Assert.IsTrue(expiry.ExplainsRefusalAt(Expiry + (30 * Day), true));
            Assert.IsFalse(expiry.ExplainsRefusalAt(Expiry + (30 * Day), false), "no valid time");

            string detail = expiry.RefusalDetail(Expiry + 10);
            Assert.Contains("expired at 2027-01-31T00:00:00Z", detail);
            Assert.DoesNotContains(Token, detail);
            Assert.Contains("tolerance", expiry.RefusalDetail(Expiry - 10));
        }
    }
}
