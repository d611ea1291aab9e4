using AwsIotDevice.Core.Abstractions;

namespace AwsIotDevice.Core.Mqtt
{
    /// <summary>
    /// MQTT 3.1.1 CONNACK return codes (spec 3.2.2.3) as faults, each refusal its own, so STATUS says which one it was.
    /// </summary>
    public static class MqttConnackCodes
    {
        /// <summary>
        /// <see cref="Fault.None"/> for 0, the named refusal for 1..5, <see cref="Fault.ProtocolError"/> for any other
        /// value (the spec reserves 6..255).
        /// </summary>
        public static Fault ToFault(int returnCode)
        {
            switch (returnCode)
            {
                case 0:
                    return Fault.None;
                case 1:
                    return Fault.RefusedProtocolVersion;
                case 2:
                    return Fault.RefusedIdentifier;
                case 3:
                    return Fault.RefusedServerUnavailable;
                case 4:
                    return Fault.RefusedBadCredentials;
                case 5:
                    return Fault.RefusedNotAuthorized;
                default:
                    return Fault.ProtocolError;
            }
        }

        /// <summary>The spec's meaning of <paramref name="returnCode"/>, for detail strings.</summary>
        public static string Describe(int returnCode)
        {
            switch (returnCode)
            {
                case 0:
                    return "accepted";
                case 1:
                    return "unacceptable protocol version";
                case 2:
                    return "identifier rejected";
                case 3:
                    return "server unavailable";
                case 4:
                    return "bad user name or password";
                case 5:
                    return "not authorized";
                default:
                    return "reserved return code " + returnCode.ToString();
            }
        }
    }
}
