namespace AwsIotDevice.Core.Serial
{
    /// <summary>What <see cref="LineAssembler.Push"/> made of one byte.</summary>
    public enum LineAssemblerResult
    {
        /// <summary>The byte was kept (or was the LF of a CRLF, or dropped past the limit); the line is not finished.</summary>
        Pending = 0,

        /// <summary>A terminator ended a line within the limit; take it with <see cref="LineAssembler.TakeLine"/>.</summary>
        Line = 1,

        /// <summary>A terminator ended a line that was longer than the limit; it was discarded.</summary>
        Overflow = 2,
    }
}
