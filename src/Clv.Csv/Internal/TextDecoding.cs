using System.Text;

namespace Clv.Csv.Internal;

/// <summary>
/// Opens a stream as text: UTF-8 unless a UTF-16 or UTF-32 byte order mark says otherwise; exactly one byte order
/// mark is skipped (a second one stays in the text, and messages show it as <c>\ufeff</c>); invalid bytes decode to
/// U+FFFD, so a lenient read keeps every good row.
/// </summary>
/// <remarks>
/// The byte order mark is detected here rather than by <see cref="StreamReader"/>, whose detection needs the mark in
/// its first read: a stream that hands out a byte or two at a time (a network stream) would keep it in the text.
/// </remarks>
internal static class TextDecoding
{
    /// <summary>A reader of the stream's text (the stream is left open when the reader is disposed).</summary>
    /// <param name="stream">The stream, positioned at the start of the text.</param>
    /// <param name="bufferSize">The decoder's byte buffer for large inputs.</param>
    public static StreamReader Open(Stream stream, int bufferSize)
    {
        var head = new byte[4];
        int read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var (encoding, mark) = Detect(head.AsSpan(0, read));
        var rest = new HeadStream(head, mark, read, stream);
        if (stream.CanSeek)
        {
            // A small input gets a small buffer (the default one would be 64K bytes and 128K characters).
            long remaining = Math.Max(0, stream.Length - stream.Position) + read;
            bufferSize = (int)Math.Clamp(remaining, 128, bufferSize);
        }

        return new StreamReader(rest, encoding, detectEncodingFromByteOrderMarks: false, bufferSize, leaveOpen: true);
    }

    /// <summary>The encoding (without a preamble, so nothing else is skipped) and the length of the byte order mark.</summary>
    private static (Encoding Encoding, int Mark) Detect(ReadOnlySpan<byte> head) => head switch
    {
        [0xFF, 0xFE, 0, 0, ..] => (new UTF32Encoding(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: false), 4),
        [0, 0, 0xFE, 0xFF, ..] => (new UTF32Encoding(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: false), 4),
        [0xFF, 0xFE, ..] => (new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: false), 2),
        [0xFE, 0xFF, ..] => (new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: false), 2),
        [0xEF, 0xBB, 0xBF, ..] => (new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false), 3),
        _ => (new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false), 0),
    };

    /// <summary>The bytes read ahead (after the byte order mark), then the rest of the stream; read-only, forward-only.</summary>
    private sealed class HeadStream(byte[] head, int start, int end, Stream rest) : Stream
    {
        private int _position = start;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position < end)
            {
                int n = Math.Min(buffer.Length, end - _position);
                head.AsSpan(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }

            return rest.Read(buffer);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
