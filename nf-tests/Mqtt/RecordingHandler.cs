using System;
using System.Collections;
using AwsIotDevice.Core.Mqtt;
using AwsIotDevice.Core.Text;

namespace AwsIotDevice.Tests.Mqtt
{
    /// <summary>An <see cref="IMqttMessageHandler"/> that records every message (payload copied as text, as its contract says to).</summary>
    public class RecordingHandler : IMqttMessageHandler
    {
        /// <summary>Topic of every message.</summary>
        public readonly ArrayList Topics = new ArrayList();

        /// <summary>Payload of every message, decoded as UTF-8.</summary>
        public readonly ArrayList Payloads = new ArrayList();

        /// <summary>QoS of every message, boxed.</summary>
        public readonly ArrayList QosLevels = new ArrayList();

        /// <summary>When set, the handler throws this after recording.</summary>
        public Exception ThrowThis;

        /// <summary>When set, the handler calls Process(0) on it (which the client must refuse) and records the exception type.</summary>
        public MqttClient CallBack;

        /// <summary>The exception CallBack raised, if any.</summary>
        public Exception CallBackError;

        /// <summary>See <see cref="IMqttMessageHandler.OnMessage"/>.</summary>
        public void OnMessage(string topic, byte[] payload, int offset, int count, int qos, bool retain)
        {
            Topics.Add(topic);
            Payloads.Add(Utf8.Decode(payload, offset, count));
            QosLevels.Add(qos);
            if (CallBack != null)
            {
                try
                {
                    CallBack.Process(0);
                }
                catch (Exception e)
                {
                    CallBackError = e;
                    throw;
                }
            }

            if (ThrowThis != null)
            {
                throw ThrowThis;
            }
        }
    }
}
