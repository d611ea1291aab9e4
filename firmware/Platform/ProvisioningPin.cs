using System;
using System.Device.Gpio;
using System.Threading;

namespace AwsIotDevice.Platform
{
    /// <summary>
    /// Reads the "provision me" jumper once at boot: a GPIO with the internal pull-up enabled that the user ties
    /// to GND. Read once, then released, so the pin is free for anything else afterwards.
    /// </summary>
    public static class ProvisioningPin
    {
        /// <summary>
        /// True when <paramref name="gpio"/> reads low after the pull-up has had a few milliseconds to settle.
        /// False when the pin cannot be opened (never stops the boot).
        /// </summary>
        public static bool IsHeldLow(int gpio)
        {
            try
            {
                using (GpioController controller = new GpioController())
                {
                    GpioPin pin = controller.OpenPin(gpio, PinMode.InputPullUp);
                    Thread.Sleep(20);
                    bool low = pin.Read() == PinValue.Low;
                    controller.ClosePin(gpio);
                    return low;
                }
            }
            catch (Exception)
            {
                return false;
            }
        }
    }
}
