package dev.sturdy.party.compute;

import dev.sturdy.model.Model;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The largest AppReLU input magnitude the model owner measured on validation images before
 * splitting ({@code sturdy share --data}), kept in the structure every role gets: AppReLU is
 * accurate only on [-bound, bound], and a secure query whose activations leave it can give
 * another class than the plaintext model with no error, so the parties report the margin.
 */
public record ActivationRange(double maxAbs, int images) {
    static final String MAX_ABS = "activation.max_abs";
    static final String IMAGES = "activation.checked_images";

    /** True for the metadata keys a share file keeps (all other metadata stays with the owner). */
    static boolean isKey(String key) {
        return key.equals(MAX_ABS) || key.equals(IMAGES);
    }

    /** {@code model} with this range recorded in its metadata. */
    public Model recordIn(Model model) {
        Map<String, String> m = new HashMap<>(model.metadata());
        m.put(MAX_ABS, String.format(Locale.ROOT, "%.6g", maxAbs));
        m.put(IMAGES, Integer.toString(images));
        return new Model(model.name(), model.architecture(), model.graph(), model.classes(), model.normalization(),
                model.pann(), m);
    }

    /** The range recorded in a model's (or share file structure's) metadata, if any. */
    public static Optional<ActivationRange> of(Model model) {
        String max = model.metadata().get(MAX_ABS);
        String images = model.metadata().get(IMAGES);
        if (max == null || images == null) {
            return Optional.empty();
        }
        return Optional.of(new ActivationRange(Double.parseDouble(max), Integer.parseInt(images)));
    }

    /** What a role says about it at start-up. */
    public static String describe(Model structure) {
        double bound = structure.pann().bound();
        return of(structure).map(r -> String.format(Locale.ROOT, "AppReLU inputs reached %.2f of the bound %.2f on %d "
                        + "validation images (measured by 'sturdy share --data')", r.maxAbs(), bound, r.images()))
                .orElse("the activation range was not measured ('sturdy share --data'): inputs beyond the bound "
                        + bound + " would give wrong results silently");
    }
}
