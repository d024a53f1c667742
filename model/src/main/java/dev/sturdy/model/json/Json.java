package dev.sturdy.model.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * JSON of the command outputs and file headers, on Jackson: maps, lists, primitive arrays, numbers,
 * strings, booleans and null are written; text is parsed into LinkedHashMap, ArrayList, Long (integers
 * that fit), Double, String, Boolean and null. Non-finite doubles are written as null (JSON has no NaN).
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .addModule(new SimpleModule()
                    .addSerializer(Double.class, new FiniteNumber())
                    .addSerializer(Float.class, new FiniteNumber())
                    .addSerializer(double[].class, new FiniteDoubles()))
            .build();

    private Json() {
    }

    /** Compact JSON text of the value. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** JSON text with indentation. */
    public static String pretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Parses JSON text; integers that fit a long become Long, other numbers Double. */
    public static Object parse(String text) {
        try {
            return MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            // Jackson's message ends with where the enclosing value started, in its own notation: left out
            String what = e.getOriginalMessage().replaceAll(" \\(for \\w+ starting at \\[Source.*$", "");
            throw new IllegalArgumentException("malformed JSON at character " + e.getLocation().getCharOffset() + ": "
                    + what, e);
        }
    }

    private static void number(double d, JsonGenerator g) throws IOException {
        if (Double.isFinite(d)) {
            g.writeNumber(d);
        } else {
            g.writeNull();
        }
    }

    /** Doubles and floats. */
    private static final class FiniteNumber extends StdSerializer<Number> {
        FiniteNumber() {
            super(Number.class);
        }

        @Override
        public void serialize(Number n, JsonGenerator g, SerializerProvider p) throws IOException {
            number(n.doubleValue(), g);
        }
    }

    private static final class FiniteDoubles extends StdSerializer<double[]> {
        FiniteDoubles() {
            super(double[].class);
        }

        @Override
        public void serialize(double[] a, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeStartArray(a, a.length);
            for (double d : a) {
                number(d, g);
            }
            g.writeEndArray();
        }
    }
}
