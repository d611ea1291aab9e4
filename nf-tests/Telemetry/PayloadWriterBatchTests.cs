using System;
using AwsIotDevice.Core.Telemetry;
using AwsIotDevice.Core.Text;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Telemetry
{
    [TestClass]
    public class PayloadWriterBatchTests
    {
        // {"device":"d","seq":N,"uptimeMs":N,"dropped":0,"readings":{"x":1}} with one-digit seq and uptime: 66 bytes.
        private const int ObjectBytes = 66;

        [TestMethod]
        public void ABatchIsAnArrayOfTheSameObjectsWriteGives()
        {
            PayloadWriter writer = new PayloadWriter("d");
            TelemetryQueue queue = Queue(3);
            byte[] batch = new byte[512];

            writer.BeginBatch(batch);
            Assert.IsTrue(writer.TryAppend(queue.PeekAt(0), 0));
            Assert.IsTrue(writer.TryAppend(queue.PeekAt(1), 0));
            Assert.IsTrue(writer.TryAppend(queue.PeekAt(2), 0));
            int length = writer.EndBatch();

            string expected = "[" + Single(writer, queue.PeekAt(0)) + "," + Single(writer, queue.PeekAt(1)) + "," + Single(writer, queue.PeekAt(2)) + "]";
            Assert.AreEqual(expected, Utf8.Decode(batch, 0, length));
            Assert.AreEqual("[{\"device\":\"d\",\"seq\":1,\"uptimeMs\":1,\"dropped\":0,\"readings\":{\"x\":1}},", Utf8.Decode(batch, 0, ObjectBytes + 2));
            Assert.AreEqual(3, writer.BatchCount);
            Assert.AreEqual(2 + 3 * ObjectBytes + 2, length);
        }

        [TestMethod]
        public void AReadingThatWouldNotFitIsRefusedAndTheBatchIsUnchanged()
        {
            PayloadWriter writer = new PayloadWriter("d");
            TelemetryQueue queue = Queue(3);

            // Exactly two objects: "[" + 66 + "," + 66 + "]" = 135 bytes.
            byte[] batch = new byte[135];
            writer.BeginBatch(batch);
            Assert.IsTrue(writer.TryAppend(queue.PeekAt(0), 0));
            Assert.IsTrue(writer.TryAppend(queue.PeekAt(1), 0));
            Assert.IsFalse(writer.TryAppend(queue.PeekAt(2), 0), "a third object cannot fit");
            int length = writer.EndBatch();

            Assert.AreEqual(135, length);
            Assert.AreEqual(2, writer.BatchCount);
            string text = Utf8.Decode(batch, 0, length);
            Assert.AreEqual("[" + Single(writer, queue.PeekAt(0)) + "," + Single(writer, queue.PeekAt(1)) + "]", text);
        }

        [TestMethod]
        public void OneByteShortRefusesTheSecondObject()
        {
            PayloadWriter writer = new PayloadWriter("d");
            TelemetryQueue queue = Queue(2);
            byte[] batch = new byte[134];
            writer.BeginBatch(batch);
            Assert.IsTrue(writer.TryAppend(queue.PeekAt(0), 0));
            Assert.IsFalse(writer.TryAppend(queue.PeekAt(1), 0));
            Assert.AreEqual(ObjectBytes + 2, writer.EndBatch());
        }

        [TestMethod]
        public void AnObjectLargerThanTheBufferIsRefusedEvenFirst()
        {
            PayloadWriter writer = new PayloadWriter("d");
            TelemetryQueue queue = Queue(1);
            byte[] batch = new byte[ObjectBytes + 1];
            writer.BeginBatch(batch);
            Assert.IsFalse(writer.TryAppend(queue.PeekAt(0), 0));
            Assert.AreEqual("[]", Utf8.Decode(batch, 0, writer.EndBatch()));
            Assert.AreEqual(0, writer.BatchCount);
        }

        [TestMethod]
        public void MultiByteNamesAreRefusedWholeNotCutInside()
        {
            PayloadWriter writer = new PayloadWriter("d");
            TelemetryQueue queue = new TelemetryQueue(2);
            queue.Append(1).Add("\u20AC\u20AC\u20AC", 1);
            queue.Append(2).Add("\u20AC\u20AC\u20AC", 2);
            string one = Single(writer, queue.PeekAt(0));
            int objectBytes = Utf8.ByteCount(one);

            // Room for the first object, then for all but the last byte of the second.
            byte[] batch = new byte[1 + objectBytes + 1 + objectBytes + 1 - 1];
            writer.BeginBatch(batch);
            Assert.IsTrue(writer.TryAppend(queue.PeekAt(0), 0));
            Assert.IsFalse(writer.TryAppend(queue.PeekAt(1), 0));
            Assert.AreEqual("[" + one + "]", Utf8.Decode(batch, 0, writer.EndBatch()));
        }

        [TestMethod]
        public void TheSingleMessageSurvivesABatch()
        {
            PayloadWriter writer = new PayloadWriter("d");
            TelemetryQueue queue = Queue(2);
            int single = writer.Write(queue.PeekAt(0), 0);
            string before = Utf8.Decode(writer.Buffer, 0, single);

            writer.BeginBatch(new byte[512]);
            writer.TryAppend(queue.PeekAt(1), 0);
            writer.EndBatch();

            Assert.AreEqual(single, writer.Length);
            Assert.AreEqual(before, Utf8.Decode(writer.Buffer, 0, writer.Length));
        }

        [TestMethod]
        public void BatchingAfterTheBufferGrewStillCopiesTheObjectStart()
        {
            PayloadWriter writer = new PayloadWriter("d", 1);
            TelemetryQueue queue = Queue(1);
            string single = Single(writer, queue.PeekAt(0));
            byte[] batch = new byte[256];
            writer.BeginBatch(batch);
            Assert.IsTrue(writer.TryAppend(queue.PeekAt(0), 0));
            Assert.AreEqual("[" + single + "]", Utf8.Decode(batch, 0, writer.EndBatch()));
        }

        [TestMethod]
        public void MisuseIsRefused()
        {
            PayloadWriter writer = new PayloadWriter("d");
            Reading reading = Queue(1).Peek();
            Assert.ThrowsException(typeof(InvalidOperationException), () => writer.TryAppend(reading, 0));
            Assert.ThrowsException(typeof(InvalidOperationException), () => writer.EndBatch());
            Assert.ThrowsException(typeof(ArgumentNullException), () => writer.BeginBatch(null));
            Assert.ThrowsException(typeof(ArgumentException), () => writer.BeginBatch(new byte[1]));
            writer.BeginBatch(new byte[64]);
            Assert.ThrowsException(typeof(InvalidOperationException), () => writer.BeginBatch(new byte[64]));
            Assert.ThrowsException(typeof(ArgumentNullException), () => writer.TryAppend(null, 0));
        }

        private static TelemetryQueue Queue(int readings)
        {
            TelemetryQueue queue = new TelemetryQueue(readings);
            for (int i = 1; i <= readings; i++)
            {
                queue.Append(i).Add("x", i == 1 ? 1 : i);
            }

            return queue;
        }

        private static string Single(PayloadWriter writer, Reading reading)
        {
            int length = writer.Write(reading, 0);
            return Utf8.Decode(writer.Buffer, 0, length);
        }
    }
}
