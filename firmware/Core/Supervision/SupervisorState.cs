namespace AwsIotDevice.Core.Supervision
{
    /// <summary>
    /// Where the supervisor is. Values are stable (they appear in STATUS through <see cref="SupervisorStateNames"/>).
    /// </summary>
    public enum SupervisorState
    {
        /// <summary>No valid configuration yet: waiting for one (serial provisioning). Nothing is sampled.</summary>
        Provisioning = 0,

        /// <summary>Joining the IP network.</summary>
        Network = 1,

        /// <summary>Network up; waiting for the wall clock (TLS certificate checks need it).</summary>
        Time = 2,

        /// <summary>Opening TLS + MQTT to the broker.</summary>
        Connecting = 3,

        /// <summary>Connected: delivering queued readings.</summary>
        Publishing = 4,
    }

    /// <summary>Stable names for <see cref="SupervisorState"/> (enum ToString is not reliable on nanoFramework).</summary>
    public static class SupervisorStateNames
    {
        private static readonly string[] Names = { "Provisioning", "Network", "Time", "Connecting", "Publishing" };

        /// <summary>Returns the name of <paramref name="state"/>, or "State&lt;n&gt;" for an unknown value.</summary>
        public static string Of(SupervisorState state)
        {
            int index = (int)state;
            return index >= 0 && index < Names.Length ? Names[index] : "State" + index.ToString();
        }
    }
}
