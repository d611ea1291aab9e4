using AwsIotDevice.Core.Abstractions;
using AwsIotDevice.Core.Mqtt;
using AwsIotDevice.Tests.Fakes;
using nanoFramework.TestFramework;

namespace AwsIotDevice.Tests.Mqtt
{
    /// <summary>A client on a scripted transport and a fake clock, with a recording handler; one per test.</summary>
    public class MqttRig
    {
        /// <summary>Keep-alive of <see cref="Options"/>: 60 s.</summary>
        public const int KeepAliveSeconds = 60;

        /// <summary>Ping response time of <see cref="Options"/>.</summary>
        public const int PingResponseMs = 5000;

        public readonly FakeClock Clock = new FakeClock();
        public readonly ScriptedTransport Transport;
        public readonly MqttClient Client;
        public readonly RecordingHandler Handler = new RecordingHandler();
        public readonly MqttConnectOptions Options = new MqttConnectOptions();

        /// <summary>Buffers of 256 bytes each, a window of <paramref name="maxInflight"/>.</summary>
        public MqttRig(int maxInflight)
            : this(256, 256, maxInflight)
        {
        }

        /// <summary>A rig with the given buffer sizes.</summary>
        public MqttRig(int sendBytes, int receiveBytes, int maxInflight)
        {
            Transport = new ScriptedTransport(Clock);
            Client = new MqttClient(Clock, new byte[sendBytes], new byte[receiveBytes], maxInflight);
            Client.MessageHandler = Handler;
            Options.ClientId = "dev1";
            Options.Username = "u?x=1";
            Options.Password = "pw";
            Options.KeepAliveSeconds = KeepAliveSeconds;
            Options.PingResponseTimeoutMs = PingResponseMs;
        }

        /// <summary>Scripts CONNACK 0, connects, checks it worked and forgets the CONNECT bytes.</summary>
        public void Connect()
        {
            Transport.Add(MqttBytes.Connack(0));
            Fault fault = Client.Connect(Transport, Options, 10000);
            Assert.AreEqual("None", FaultNames.Of(fault), Client.LastErrorDetail);
            Assert.IsTrue(Client.IsConnected);
            Transport.ClearWritten();
        }

        /// <summary>Fails unless <paramref name="actual"/> is <paramref name="expected"/>, naming both and the detail.</summary>
        public void AssertFault(Fault expected, Fault actual)
        {
            Assert.AreEqual(FaultNames.Of(expected), FaultNames.Of(actual), "detail: " + Client.LastErrorDetail);
        }
    }
}
