package dev.sturdy.model.data;

import static dev.sturdy.model.data.ImageFolderTest.assertMessage;

import org.junit.jupiter.api.Test;

class DataSpecTest {

    @Test
    void badSpecsGiveOneClearLine() {
        assertMessage("cifar10", "data set spec 'cifar10': expected KIND:PATH with KIND one of imagefolder");
        assertMessage("idx:", "data set spec 'idx:': expected KIND:PATH");
        assertMessage("tfrecord:/data", "data set spec 'tfrecord:/data': unknown kind 'tfrecord'");
    }
}
