using System.Buffers.Binary;

namespace AwsIotDevice.SerialPorts.Unix;

/// <summary>
/// Puts a Unix terminal into raw 8N1 mode without flow control at a given speed.
/// The termios struct differs between Linux (32-bit flags, 60 bytes) and macOS (64-bit flags, 72 bytes), so it is
/// handled as an opaque, generously sized buffer filled by tcgetattr and changed by cfmakeraw/cfset*speed; only
/// the control and input flag words are touched directly, at their known offsets, for what cfmakeraw leaves alone
/// (receiver on, modem lines ignored, hardware and software flow control off, one stop bit).
/// </summary>
internal static class Termios
{
    private const int BufferSize = 256;

    private readonly struct Flags(int cflagOffset, uint cread, uint clocal, uint cstopb, uint crtscts, uint ixoff, uint ixany)
    {
        public int CflagOffset { get; } = cflagOffset;

        public uint Cread { get; } = cread;

        public uint Clocal { get; } = clocal;

        public uint Cstopb { get; } = cstopb;

        public uint Crtscts { get; } = crtscts;

        public uint Ixoff { get; } = ixoff;

        public uint Ixany { get; } = ixany;
    }

    // Offsets and bits from <asm-generic/termbits.h> (Linux) and <sys/termios.h> (macOS). Both are little-endian
    // on every supported CPU, and every bit used is in the low 32 bits of macOS's 64-bit flag words.
    private static readonly Flags Linux = new(cflagOffset: 8, cread: 0x80, clocal: 0x800, cstopb: 0x40, crtscts: 0x80000000, ixoff: 0x1000, ixany: 0x800);
    private static readonly Flags MacOS = new(cflagOffset: 16, cread: 0x800, clocal: 0x8000, cstopb: 0x400, crtscts: 0x30000, ixoff: 0x400, ixany: 0x800);

    // Linux encodes speeds as Bxxx constants (B115200 = 0x1002); macOS uses the number itself.
    private static readonly Dictionary<int, uint> LinuxSpeeds = new()
    {
        [50] = 0x1, [75] = 0x2, [110] = 0x3, [134] = 0x4, [150] = 0x5, [200] = 0x6, [300] = 0x7, [600] = 0x8,
        [1200] = 0x9, [1800] = 0xA, [2400] = 0xB, [4800] = 0xC, [9600] = 0xD, [19200] = 0xE, [38400] = 0xF,
        [57600] = 0x1001, [115200] = 0x1002, [230400] = 0x1003, [460800] = 0x1004, [500000] = 0x1005,
        [576000] = 0x1006, [921600] = 0x1007, [1000000] = 0x1008, [1152000] = 0x1009, [1500000] = 0x100A,
        [2000000] = 0x100B, [2500000] = 0x100C, [3000000] = 0x100D, [3500000] = 0x100E, [4000000] = 0x100F,
    };

    /// <summary>The speed_t value for <paramref name="baud"/> on this OS, or false when Linux has no constant for it.</summary>
    public static bool TrySpeedConstant(int baud, bool macOS, out uint speed)
    {
        if (macOS)
        {
            speed = (uint)baud;
            return baud > 0;
        }

        return LinuxSpeeds.TryGetValue(baud, out speed);
    }

    /// <summary>Configures <paramref name="fd"/>; throws <see cref="SerialPortException"/> naming <paramref name="name"/>.</summary>
    public static void MakeRaw(int fd, string name, int baud)
    {
        bool macOS = LibC.IsMacOS;
        if (!TrySpeedConstant(baud, macOS, out uint speed))
        {
            throw new SerialPortException($"{name}: {baud} baud is not a standard speed on Linux; use e.g. 9600, 57600, 115200 or 921600");
        }

        byte[] termios = new byte[BufferSize];
        if (LibC.TcGetAttr(fd, termios) != 0)
        {
            throw new SerialPortException($"{name}: is not a terminal/serial device ({LibC.LastError(out _)}): give the device path of the UART, e.g. /dev/ttyUSB0");
        }

        LibC.CfMakeRaw(termios);
        Flags flags = macOS ? MacOS : Linux;
        uint cflag = BinaryPrimitives.ReadUInt32LittleEndian(termios.AsSpan(flags.CflagOffset));
        cflag |= flags.Cread | flags.Clocal;
        cflag &= ~(flags.Cstopb | flags.Crtscts);
        BinaryPrimitives.WriteUInt32LittleEndian(termios.AsSpan(flags.CflagOffset), cflag);

        // c_iflag is the first field on both systems.
        uint iflag = BinaryPrimitives.ReadUInt32LittleEndian(termios);
        iflag &= ~(flags.Ixoff | flags.Ixany);
        BinaryPrimitives.WriteUInt32LittleEndian(termios, iflag);

        if (LibC.CfSetISpeed(termios, speed) != 0 || LibC.CfSetOSpeed(termios, speed) != 0)
        {
            throw new SerialPortException($"{name}: {baud} baud refused ({LibC.LastError(out _)})");
        }

        if (LibC.TcSetAttr(fd, LibC.TCSANOW, termios) != 0)
        {
            throw new SerialPortException($"{name}: could not configure the port ({LibC.LastError(out _)})");
        }

        // Bytes that arrived before we owned the port (boot messages, a half-sent line) are not ours to answer.
        LibC.TcFlush(fd, LibC.TCIFLUSH);
    }
}
