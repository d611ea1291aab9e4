namespace AwsIotDevice.Platform
{
    /// <summary>
    /// The GPIOs this firmware uses on an ESP32 DevKitC-style board (ESP32_PSRAM_REV0 target). Chosen to be
    /// safe on WROVER modules (GPIO16/17 drive the PSRAM there), away from the strapping pins (0, 2, 5, 12, 15)
    /// and the flash pins (6-11), and side by side on the DevKitC header next to a GND pin.
    /// Change them here for another board; firmware/README.md shows the wiring.
    /// </summary>
    public static class BoardPins
    {
        /// <summary>COM2 receive (wire to the USB-serial adapter's TX).</summary>
        public const int ProvisioningRx = 32;

        /// <summary>COM2 transmit (wire to the USB-serial adapter's RX).</summary>
        public const int ProvisioningTx = 33;

        /// <summary>Held to GND at reset: ignore the stored settings and wait for provisioning. Internal pull-up.</summary>
        public const int ProvisioningButton = 25;
    }
}
