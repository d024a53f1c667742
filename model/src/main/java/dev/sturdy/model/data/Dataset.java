package dev.sturdy.model.data;

import java.util.List;

/**
 * A labelled set of images of one shape. Implementations are immutable after opening, so every
 * method may be called from several threads at once.
 */
public interface Dataset {

    int size();

    int channels();

    int height();

    int width();

    /** Class names; label {@code k} names {@code classes().get(k)}. */
    List<String> classes();

    int label(int index);

    /**
     * Writes the {@code channels*height*width} pixel values of one image, scaled to [0,1], into
     * {@code out} from {@code offset} on, in CHW order (channel-major, rows top to bottom).
     */
    void readPixels(int index, double[] out, int offset);

    /** Values per image: {@code channels*height*width}. */
    default int imageSize() {
        return channels() * height() * width();
    }
}
