package dev.sturdy.model.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one .npy file (format versions 1 to 3): magic, version, header length, a Python dict
 * literal with descr, fortran_order and shape, then the raw elements.
 */
final class NpyArray {

    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Map<String, ElementType> DTYPES = Map.of(
            "<f4", ElementType.F32, "<f8", ElementType.F64, "<f2", ElementType.F16,
            "<i8", ElementType.I64, "<i4", ElementType.I32);

    private NpyArray() {
    }

    /** {@code where} names the array in errors, for example "model.npz entry conv1.weight.npy". */
    static NamedArray parse(String name, byte[] bytes, String where) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10 || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IllegalArgumentException(where + ": not a .npy array (no \\x93NUMPY magic)");
        }
        int major = bytes[6];
        if (major < 1 || major > 3) {
            throw new IllegalArgumentException(where + ": .npy format version " + major + "; expected 1, 2 or 3");
        }
        in.position(8);
        if (major > 1 && in.remaining() < 4) {
            throw new IllegalArgumentException(where + ": truncated .npy header");
        }
        long headerLength = major == 1 ? Short.toUnsignedInt(in.getShort()) : Integer.toUnsignedLong(in.getInt());
        if (headerLength > in.remaining()) {
            throw new IllegalArgumentException(where + ": truncated .npy header");
        }
        String header = new String(bytes, in.position(), (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        in.position(in.position() + (int) headerLength);
        Map<String, Object> fields = HeaderLiteral.parse(header, where);

        Object descr = fields.get("descr");
        ElementType type = DTYPES.get(descr);
        if (type == null) {
            throw new IllegalArgumentException(where + ": dtype " + descr + "; expected one of " + DTYPES.keySet());
        }
        if (!Boolean.FALSE.equals(fields.get("fortran_order"))) {
            throw new IllegalArgumentException(where + ": fortran_order is " + fields.get("fortran_order")
                    + "; expected C order (save with numpy.ascontiguousarray)");
        }
        int[] shape = shape(fields.get("shape"), where);
        long count = NamedArray.elementCount(shape);
        long expected = count * type.bytes;
        if (in.remaining() != expected) {
            throw new IllegalArgumentException(where + ": " + in.remaining() + " data bytes; expected " + expected
                    + " for " + descr + " of shape " + fields.get("shape")
                    + (in.remaining() < expected ? " (truncated)" : ""));
        }
        return new NamedArray(name, shape, type.decode(in, (int) count));
    }

    private static int[] shape(Object value, String where) {
        int[] shape = NamedArray.shapeOf(value);
        if (shape == null) {
            throw new IllegalArgumentException(where + ": shape " + value + "; expected a tuple of sizes of at most "
                    + Integer.MAX_VALUE + " elements in all");
        }
        return shape;
    }

    /**
     * The Python literal subset numpy writes in .npy headers: dicts, tuples, lists, quoted strings,
     * integers, True, False and None.
     */
    private static final class HeaderLiteral {
        private final String s;
        private final String where;
        private int pos;

        private HeaderLiteral(String s, String where) {
            this.s = s;
            this.where = where;
        }

        static Map<String, Object> parse(String header, String where) {
            HeaderLiteral p = new HeaderLiteral(header, where);
            if (!(p.value() instanceof Map<?, ?> map)) {
                throw p.error("expected a dict");
            }
            p.skipSpace();
            if (p.pos != header.length()) {
                throw p.error("trailing characters");
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            map.forEach((k, v) -> fields.put(String.valueOf(k), v));
            return fields;
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(where + ": bad .npy header at character " + pos + " (" + what
                    + "): " + s.strip());
        }

        private void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private char peek() {
            skipSpace();
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            return s.charAt(pos);
        }

        private Object value() {
            char c = peek();
            if (c == '{') {
                return dict();
            }
            if (c == '(' || c == '[') {
                return sequence(c == '(' ? ')' : ']');
            }
            if (c == '\'' || c == '"') {
                return string(c);
            }
            if (c == '-' || Character.isDigit(c)) {
                return integer();
            }
            for (String word : List.of("True", "False", "None")) {
                if (s.startsWith(word, pos)) {
                    pos += word.length();
                    return word.equals("None") ? null : Boolean.valueOf(word.equals("True"));
                }
            }
            throw error("unexpected '" + c + "'");
        }

        private Map<Object, Object> dict() {
            Map<Object, Object> map = new LinkedHashMap<>();
            pos++;
            while (peek() != '}') {
                Object key = value();
                expect(':');
                map.put(key, value());
                if (peek() == ',') {
                    pos++;
                }
            }
            pos++;
            return map;
        }

        private List<Object> sequence(char close) {
            List<Object> items = new ArrayList<>();
            pos++;
            while (peek() != close) {
                items.add(value());
                if (peek() == ',') {
                    pos++;
                }
            }
            pos++;
            return items;
        }

        private String string(char quote) {
            int end = s.indexOf(quote, pos + 1);
            if (end < 0) {
                throw error("unterminated string");
            }
            String text = s.substring(pos + 1, end);
            pos = end + 1;
            return text;
        }

        private Long integer() {
            int start = pos;
            pos++;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            try {
                Long value = Long.valueOf(s.substring(start, pos));
                if (pos < s.length() && s.charAt(pos) == 'L') {
                    pos++; // Python 2 long suffix in old files
                }
                return value;
            } catch (NumberFormatException e) {
                throw error("bad integer");
            }
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }
    }
}
