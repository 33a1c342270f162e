package dev.nex7.workflow.collab;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * lib0's binary encoding, the one y-websocket and Yjs use: unsigned and signed variable-length
 * integers (7 bits a byte, least significant first), length-prefixed byte arrays and UTF-8 strings.
 */
final class Lib0 {

    private Lib0() {
    }

    /** Reads lib0-encoded values from a byte array, front to back; a truncated input fails with {@link Malformed}. */
    static final class Decoder {

        private final byte[] bytes;
        private int position;

        Decoder(byte[] bytes) {
            this.bytes = bytes;
        }

        boolean hasMore() {
            return position < bytes.length;
        }

        int readUint8() {
            if (position >= bytes.length) {
                throw new Malformed("unexpected end of message");
            }
            return bytes[position++] & 0xff;
        }

        long readVarUint() {
            long value = 0;
            int shift = 0;
            while (true) {
                int b = readUint8();
                value |= (long) (b & 0x7f) << shift;
                shift += 7;
                if (b < 0x80) {
                    return value;
                }
                if (shift > 53) {
                    throw new Malformed("integer out of range");
                }
            }
        }

        long readVarInt() {
            int b = readUint8();
            long value = b & 0x3f;
            boolean negative = (b & 0x40) != 0;
            int shift = 6;
            while ((b & 0x80) != 0) {
                b = readUint8();
                value |= (long) (b & 0x7f) << shift;
                shift += 7;
                if (shift > 53) {
                    throw new Malformed("integer out of range");
                }
            }
            return negative ? -value : value;
        }

        int readLength() {
            long length = readVarUint();
            if (length > bytes.length - position) {
                throw new Malformed("length beyond the end of the message");
            }
            return (int) length;
        }

        byte[] readVarUint8Array() {
            int length = readLength();
            byte[] out = java.util.Arrays.copyOfRange(bytes, position, position + length);
            position += length;
            return out;
        }

        String readVarString() {
            int length = readLength();
            String text = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return text;
        }

        void skip(int count) {
            if (count > bytes.length - position) {
                throw new Malformed("unexpected end of message");
            }
            position += count;
        }

        /** Skips one value of lib0's {@code writeAny} encoding. */
        void skipAny() {
            int type = readUint8();
            switch (type) {
                case 127, 126, 121, 120 -> { }
                case 125 -> readVarInt();
                case 124 -> skip(4);
                case 123, 122 -> skip(8);
                case 119 -> readVarString();
                case 118 -> {
                    long entries = readVarUint();
                    for (long i = 0; i < entries; i++) {
                        readVarString();
                        skipAny();
                    }
                }
                case 117 -> {
                    long items = readVarUint();
                    for (long i = 0; i < items; i++) {
                        skipAny();
                    }
                }
                case 116 -> readVarUint8Array();
                default -> throw new Malformed("unknown value type " + type);
            }
        }
    }

    /** Writes lib0-encoded values. */
    static final class Encoder {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Encoder writeVarUint(long value) {
            long rest = value;
            while (rest > 0x7f) {
                out.write((int) (0x80 | (rest & 0x7f)));
                rest >>>= 7;
            }
            out.write((int) rest);
            return this;
        }

        Encoder writeUint8(int value) {
            out.write(value & 0xff);
            return this;
        }

        Encoder writeBytes(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        Encoder writeVarUint8Array(byte[] bytes) {
            writeVarUint(bytes.length);
            out.writeBytes(bytes);
            return this;
        }

        Encoder writeVarString(String text) {
            return writeVarUint8Array(text.getBytes(StandardCharsets.UTF_8));
        }

        byte[] toBytes() {
            return out.toByteArray();
        }
    }

    /** The bytes are not what the protocol says they must be. */
    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message);
        }
    }
}
