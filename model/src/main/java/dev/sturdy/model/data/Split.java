package dev.sturdy.model.data;

/** Which part of a data set a spec asks for; null where the spec leaves it to the reader. */
enum Split {
    TEST, TRAIN
}
