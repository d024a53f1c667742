package dev.sturdy.model.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writtenTextParsesBackToTheSameValues() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("beta", 9);
        doc.put("eps", 0.0025390625);
        doc.put("name", "a \"quoted\"\nline");
        doc.put("degrees", new int[] {15, 15});
        doc.put("coefficients", new double[] {1.5, -2.25e-7});
        doc.put("items", List.of(Map.of("ok", true), Map.of("ok", false)));
        doc.put("missing", null);
        for (String text : List.of(Json.write(doc), Json.pretty(doc))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> back = (Map<String, Object>) Json.parse(text);
            assertEquals(9L, back.get("beta"));
            assertEquals(0.0025390625, back.get("eps"));
            assertEquals("a \"quoted\"\nline", back.get("name"));
            assertEquals(List.of(15L, 15L), back.get("degrees"));
            assertEquals(List.of(1.5, -2.25e-7), back.get("coefficients"));
            assertEquals(List.of(Map.of("ok", true), Map.of("ok", false)), back.get("items"));
            assertEquals(null, back.get("missing"));
        }
    }

    @Test
    void nonFiniteNumbersAreWrittenAsNull() {
        assertEquals("[null,1.0,null]", Json.write(new double[] {Double.NaN, 1.0, Double.POSITIVE_INFINITY}));
        assertEquals("{\"x\":null}", Json.write(Map.of("x", Double.NaN)));
    }

    @Test
    void malformedTextNamesThePosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": [1, 2}"));
        assertTrue(e.getMessage().startsWith("malformed JSON at character 11: ") && e.getMessage().contains("expected ']'"),
                e.getMessage());
    }
}
