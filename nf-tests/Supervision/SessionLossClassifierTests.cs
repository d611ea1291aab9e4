using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Supervision;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Supervision
{
    [TestClass]
    public class SessionLossClassifierTests
    {
        private const int Window = 5000;

        private static SessionLossClassifier StartedAt(long connackAtMs)
        {
            SessionLossClassifier classifier = new SessionLossClassifier();
            classifier.OnConnack(connackAtMs);
            return classifier;
        }

        [TestMethod]
        public void CloseWithinTheWindowBeforeAnyPubackIsClosedAfterConnack()
        {
            SessionLossClassifier classifier = StartedAt(1000);
            Assert.AreEqual((int)Fault.ClosedAfterConnack, (int)classifier.Classify(1000, Window, -1));
            Assert.AreEqual((int)Fault.ClosedAfterConnack, (int)classifier.Classify(5999, Window, -1));
        }

        [TestMethod]
        public void CloseAfterTheWindowWithNothingPublishedIsConnectionLost()
        {
            SessionLossClassifier classifier = StartedAt(1000);
            Assert.AreEqual((int)Fault.ConnectionLost, (int)classifier.Classify(6000, Window, -1));
        }

        [TestMethod]
        public void CloseAfterAPubackIsConnectionLostEvenWithinTheWindow()
        {
            SessionLossClassifier classifier = StartedAt(1000);
            classifier.OnPublished(1);
            classifier.OnPublished(1);
            Assert.AreEqual(2, classifier.Acknowledged);
            Assert.AreEqual((int)Fault.ConnectionLost, (int)classifier.Classify(2000, Window, -1));
            Assert.AreEqual((int)Fault.ConnectionLost, (int)classifier.Classify(2000, Window, 1));
        }

        [TestMethod]
        public void FirstQos1PublishAnsweredByACloseIsClosedAfterConnackAfterTheWindow()
        {
            SessionLossClassifier classifier = StartedAt(1000);
            Assert.AreEqual((int)Fault.ClosedAfterConnack, (int)classifier.Classify(60000, Window, 1));
        }

        [TestMethod]
        public void Qos0PublishesAreNoProofAndAQos0LossAfterTheWindowIsConnectionLost()
        {
            SessionLossClassifier classifier = StartedAt(1000);
            classifier.OnPublished(0);
            Assert.AreEqual(0, classifier.Acknowledged);
            Assert.AreEqual((int)Fault.ClosedAfterConnack, (int)classifier.Classify(3000, Window, 0));
            Assert.AreEqual((int)Fault.ConnectionLost, (int)classifier.Classify(60000, Window, 0));
        }

        [TestMethod]
        public void ANewSessionForgetsThePreviousPubacks()
        {
            SessionLossClassifier classifier = StartedAt(1000);
            classifier.OnPublished(1);
            classifier.OnConnack(50000);
            Assert.AreEqual(0, classifier.Acknowledged);
            Assert.AreEqual((int)Fault.ClosedAfterConnack, (int)classifier.Classify(51000, Window, -1));
        }
    }
}
