using System;
using AwsIotDevice.Core.Storage;
using AwsIotDevice.Core.Text;
using AwsIotDevice.Tests.Fakes;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Storage
{
    /// <summary>
    /// The settings store's write/recover algorithm with the power cut at every step of a save (and of the recovery after
    /// it): the old settings or the new ones survive, never neither, never a mix.
    /// </summary>
    [TestClass]
    public class AtomicFileStoreTests
    {
        private const string Path = "I:\\awsiot.settings";
        private const string Old = "aws.endpoint=old-ats.iot.eu-west-1.amazonaws.com\naws.token=old-token\n";
        private const string New = "aws.endpoint=new-ats.iot.eu-west-1.amazonaws.com\naws.token=new-token-longer-than-the-old-one\n";

        /// <summary>Saves <paramref name="text"/> with the cut at <paramref name="cutAt"/>; true when the cut happened.</summary>
        private static bool SaveWithCut(PowerCutFileSystem fs, string text, int cutAt)
        {
            fs.CutAt = cutAt;
            try
            {
                new AtomicFileStore(fs, Path).Save(text);
            }
            catch (PowerCutException)
            {
            }

            bool cut = fs.WasCut;
            fs.Reboot();
            return cut;
        }

        private static PowerCutFileSystem WithOld()
        {
            PowerCutFileSystem fs = new PowerCutFileSystem();
            new AtomicFileStore(fs, Path).Save(Old);
            fs.Reboot();
            return fs;
        }

        [TestMethod]
        public void APowerCutAtEveryStepOfAReplaceLeavesTheOldOrTheNewText()
        {
            int sawOld = 0;
            int sawNew = 0;
            int step = 0;
            for (; step < 50; step++)
            {
                PowerCutFileSystem fs = WithOld();
                bool cut = SaveWithCut(fs, New, step);

                string loaded = new AtomicFileStore(fs, Path).Load();
                Assert.IsTrue(loaded == Old || loaded == New, "cut at step " + step.ToString() + " left: " + (loaded == null ? "nothing" : loaded));
                if (loaded == Old)
                {
                    sawOld++;
                }
                else
                {
                    sawNew++;
                }

                // After the reboot the store works again, whatever the cut left behind.
                new AtomicFileStore(fs, Path).Save("next=1\n");
                Assert.AreEqual("next=1\n", new AtomicFileStore(fs, Path).Load(), "save after a cut at step " + step.ToString());
                if (!cut)
                {
                    Assert.AreEqual(New, loaded, "an uncut save is the new text");
                    break;
                }
            }

            Assert.IsTrue(step > 3 && step < 50, "a save has a few mutating steps: " + step.ToString());
            Assert.IsTrue(sawOld > 0 && sawNew > 0, "both outcomes occur (old " + sawOld.ToString() + ", new " + sawNew.ToString() + ")");
        }

        [TestMethod]
        public void APowerCutDuringTheRecoveryOfACutSaveStillLeavesTheOldOrTheNewText()
        {
            for (int step = 0; step < 20; step++)
            {
                for (int again = 0; again < 3; again++)
                {
                    PowerCutFileSystem fs = WithOld();
                    bool cut = SaveWithCut(fs, New, step);
                    fs.CutAt = again;
                    try
                    {
                        new AtomicFileStore(fs, Path).Load();
                    }
                    catch (PowerCutException)
                    {
                    }

                    fs.Reboot();
                    string loaded = new AtomicFileStore(fs, Path).Load();
                    Assert.IsTrue(loaded == Old || loaded == New,
                        "cut at step " + step.ToString() + ", then during recovery at " + again.ToString() + ", left: " + (loaded == null ? "nothing" : loaded));
                    if (!cut)
                    {
                        return;
                    }
                }
            }

            Assert.IsTrue(false, "a save never completed within 20 steps");
        }

        [TestMethod]
        public void AFirstSaveCutAnywhereLeavesNothingOrTheNewText()
        {
            for (int step = 0; step < 50; step++)
            {
                PowerCutFileSystem fs = new PowerCutFileSystem();
                bool cut = SaveWithCut(fs, New, step);

                string loaded = new AtomicFileStore(fs, Path).Load();
                Assert.IsTrue(loaded == null || loaded == New, "cut at step " + step.ToString());
                if (!cut)
                {
                    Assert.AreEqual(New, loaded);
                    return;
                }
            }

            Assert.IsTrue(false, "a first save never completed within 50 steps");
        }

        [TestMethod]
        public void AWriteThatDoesNotReadBackThrowsAndKeepsTheOldText()
        {
            PowerCutFileSystem fs = WithOld();
            fs.CorruptWrites = true;

            Assert.ThrowsException(typeof(InvalidOperationException), () => new AtomicFileStore(fs, Path).Save(New));

            fs.CorruptWrites = false;
            Assert.AreEqual(Old, new AtomicFileStore(fs, Path).Load());
            Assert.IsNull(fs.Peek(Path + ".new"), "the bad copy is removed");
        }

        [TestMethod]
        public void AStrayNewFileIsNeverTakenForTheSettings()
        {
            PowerCutFileSystem fs = WithOld();
            fs.Put(Path + ".new", Utf8.GetBytes("aws.endpoint=half-wri"));

            Assert.AreEqual(Old, new AtomicFileStore(fs, Path).Load());
        }

        [TestMethod]
        public void NothingStoredLoadsAsNull()
        {
            Assert.IsNull(new AtomicFileStore(new PowerCutFileSystem(), Path).Load());
        }

        [TestMethod]
        public void OnlyTheStoresThreeNamesAreEverTouched()
        {
            PowerCutFileSystem fs = WithOld();
            new AtomicFileStore(fs, Path).Save(New);
            new AtomicFileStore(fs, Path).Load();

            for (int i = 0; i < fs.Touched.Count; i++)
            {
                string path = (string)fs.Touched[i];
                Assert.IsTrue(path == Path || path == Path + ".new" || path == Path + ".bak", "touched " + path);
            }
        }

        [TestMethod]
        public void TextRoundTripsAsUtf8()
        {
            PowerCutFileSystem fs = new PowerCutFileSystem();
            AtomicFileStore store = new AtomicFileStore(fs, Path);

            store.Save("wifi.ssid=Café ☕\n");

            Assert.AreEqual("wifi.ssid=Café ☕\n", store.Load());
            Assert.AreEqual(Utf8.ByteCount("wifi.ssid=Café ☕\n"), fs.Peek(Path).Length);
        }
    }
}
