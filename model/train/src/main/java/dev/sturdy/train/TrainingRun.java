package dev.sturdy.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import dev.sturdy.model.Model;
import dev.sturdy.model.Normalization;
import dev.sturdy.model.PannSettings;
import dev.sturdy.model.data.DataSpec;
import dev.sturdy.model.data.Dataset;
import dev.sturdy.model.data.Samples;
import dev.sturdy.model.eval.LabelledImages;
import dev.sturdy.model.file.ModelFiles;
import dev.sturdy.model.graph.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One training run of `sturdy train`: loads the data, builds the zoo network on DJL, trains
 * with SGD (momentum 0.9), the schedule, weight decay, Mixup and NGNV as asked, and after
 * every epoch writes the model file, a checkpoint and the per-epoch CSV (plus PANN tracking).
 */
public final class TrainingRun {

    /** The finished model and the record of every epoch. */
    public record Result(Model model, List<EpochRecord> history) {
    }

    private final TrainingOptions o;
    private final TrainingMonitor monitor;

    public TrainingRun(TrainingOptions options, TrainingMonitor monitor) {
        this.o = options;
        this.monitor = monitor;
    }

    public Result run() throws IOException {
        DjlSetup.offline();
        DjlSetup.threads(o.threads());
        DjlSetup.keepFreedMemory();
        Dataset trainData = DataSpec.open(o.data());
        TrainingImages images = TrainingImages.load(trainData, Samples.classBalanced(trainData, o.limit(), o.seed()));
        Model init = o.init() == null ? null : InitialWeights.read(o.init());
        Normalization normalization = init == null ? images.statistics() : init.normalization();
        PannTracker tracker = tracker(images.shape());
        ZooNetwork net = Zoo.build(o.architecture(), images.shape(), images.classes().size(), o.ngnv());
        // Colour 32x32 images get the CIFAR augmentation; grey digits and clothes do not.
        boolean augment = images.shape().channels() == 3 && images.shape().height() == 32 && images.shape().width() == 32;
        BatchAssembler assembler = new BatchAssembler(images, normalization, augment);
        MomentumSgd sgd = new MomentumSgd(0.9f, (float) o.weightDecay());

        Engine.getInstance().setRandomSeed((int) o.seed());
        try (ai.djl.Model djl = ai.djl.Model.newInstance(o.architecture())) {
            djl.setBlock(net.block());
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(sgd)
                    .optDevices(new Device[] {Device.cpu()})
                    // He initialisation, as the PyTorch CIFAR ResNets use.
                    .optInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
                            XavierInitializer.FactorType.IN, 2), Parameter.Type.WEIGHT);
            try (Trainer trainer = djl.newTrainer(config)) {
                Shape s = images.shape();
                trainer.initialize(new ai.djl.ndarray.types.Shape(1, s.channels(), s.height(), s.width()));
                if (init != null) {
                    InitialWeights.load(init, o.init(), net); // a resumed run then overwrites them from its checkpoint
                }
                List<EpochRecord> history = start(net, sgd);
                Model model = null;
                for (int epoch = history.size() + 1; epoch <= o.epochs(); epoch++) {
                    EpochRecord trained = trainEpoch(net, trainer, sgd, assembler, images, epoch);
                    model = export(net, images, normalization, epoch);
                    EpochRecord record = tracked(trained, tracker, model);
                    model = withMaxAbs(model, record.maxAbs());
                    history.add(record);
                    save(net, sgd, model, history);
                    monitor.epoch(record, o.epochs());
                }
                if (model == null) {
                    // All epochs were done before: export again (with this run's bound and command).
                    model = export(net, images, normalization, history.size());
                    model = withMaxAbs(model, history.isEmpty() ? Double.NaN : history.get(history.size() - 1).maxAbs());
                    ModelFiles.write(model, o.out());
                }
                warnAboutBound(history);
                return new Result(model, history);
            }
        }
    }

    private PannTracker tracker(Shape input) {
        if (o.trackBetas().length == 0) {
            return null;
        }
        String spec = o.test() != null ? o.test() : TestSplit.of(o.data());
        if (spec == null) {
            throw new IllegalArgumentException("--track-pann needs test data: give --test SPEC");
        }
        Dataset test = DataSpec.open(spec);
        return new PannTracker(LabelledImages.load(test, Samples.classBalanced(test, o.trackLimit(), o.seed()), input),
                o.trackBetas());
    }

    /** The epoch records so far: empty for a fresh run, the checkpoint's for --resume. */
    private List<EpochRecord> start(ZooNetwork net, MomentumSgd sgd) throws IOException {
        if (!o.resume()) {
            return new ArrayList<>();
        }
        if (!Files.isRegularFile(o.checkpoint())) {
            throw new IllegalArgumentException("--resume: no checkpoint " + o.checkpoint());
        }
        List<EpochRecord> history = Checkpoint.read(o.checkpoint(), net, sgd);
        monitor.note("resuming from " + o.checkpoint() + " after epoch " + history.size());
        return history;
    }

    private EpochRecord trainEpoch(ZooNetwork net, Trainer trainer, MomentumSgd sgd, BatchAssembler assembler, TrainingImages images,
                                   int epoch) {
        // Order, augmentation, Mixup and NGNV noise depend only on the seed and the epoch, so a resumed run repeats them.
        Random random = new Random(o.seed() * 1_000_003L + epoch);
        net.noise().setSeed(o.seed() * 7919 + epoch);
        Mixup mixup = o.mixupAlpha() > 0 ? new Mixup(o.mixupAlpha(), random) : null;
        int[] order = permutation(images.count(), random);
        int size = images.shape().size();
        int classes = images.classes().size();
        int steps = images.count() / o.batch() + (images.count() % o.batch() >= 2 ? 1 : 0);
        float[] x = new float[o.batch() * size];
        double lossSum = 0;
        int correct = 0;
        int seen = 0;
        double lr = 0;
        long start = System.nanoTime();
        for (int step = 0; step < steps; step++) {
            int from = step * o.batch();
            int n = Math.min(o.batch(), images.count() - from);
            lr = o.schedule().rate(o.learningRate(), epoch - 1, step, steps, o.epochs());
            sgd.setLearningRate(lr);
            assembler.fill(order, from, from + n, x, random);
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = images.label(order[from + i]);
            }
            float[] y;
            int[] target = labels;
            if (mixup != null) {
                Mixup.Mix mix = mixup.draw(n);
                Mixup.mixInputs(mix, x, n, size);
                y = Mixup.mixLabels(mix, labels, classes);
                target = dominantLabels(mix, labels);
            } else {
                y = Mixup.oneHot(labels, classes);
            }
            try (NDManager m = trainer.getManager().newSubManager()) {
                Shape s = images.shape();
                NDArray input = m.create(Arrays.copyOf(x, n * size), new ai.djl.ndarray.types.Shape(n, s.channels(), s.height(), s.width()));
                NDArray soft = m.create(y, new ai.djl.ndarray.types.Shape(n, classes));
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    zeroGradients(net);
                    NDArray logits = trainer.forward(new NDList(input)).singletonOrThrow();
                    NDArray loss = softCrossEntropy(logits, soft);
                    gc.backward(loss);
                    lossSum += loss.getFloat() * n;
                    long[] predicted = logits.argMax(1).toLongArray();
                    for (int i = 0; i < n; i++) {
                        correct += predicted[i] == target[i] ? 1 : 0;
                    }
                }
                trainer.step();
            }
            seen += n;
            double seconds = (System.nanoTime() - start) / 1e9;
            double rate = seen / seconds;
            double left = (images.count() - seen + (double) (o.epochs() - epoch) * images.count()) / rate;
            monitor.batch(epoch, o.epochs(), seen, images.count(), lossSum / seen, 100.0 * correct / seen, rate, left);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new EpochRecord(epoch, lr, lossSum / seen, 100.0 * correct / seen, seconds, seen / seconds, Double.NaN,
                new double[0], Double.NaN);
    }

    /** libtorch accumulates gradients across backward passes and DJL's trainer does not clear them: clear them here. */
    private static void zeroGradients(ZooNetwork net) {
        for (Parameter p : net.parameters().values()) {
            if (p.requiresGradient() && p.getArray().hasGradient()) {
                try (NDArray g = p.getArray().getGradient()) {
                    g.subi(g);
                }
            }
        }
    }

    /** Cross-entropy against soft labels, averaged over the batch: -mean_i sum_k y_ik log softmax(z_i)_k. */
    static NDArray softCrossEntropy(NDArray logits, NDArray soft) {
        return logits.logSoftmax(1).mul(soft).sum(new int[] {1}).neg().mean();
    }

    private static int[] dominantLabels(Mixup.Mix mix, int[] labels) {
        int[] dominant = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            dominant[i] = mix.lambda() >= 0.5 ? labels[i] : labels[mix.partner()[i]];
        }
        return dominant;
    }

    private static int[] permutation(int n, Random random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private Model export(ZooNetwork net, TrainingImages images, Normalization normalization, int epochs) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("trainedBy", "sturdy train");
        metadata.put("command", o.command());
        metadata.put("data", o.data());
        metadata.put("trainingImages", String.valueOf(images.count()));
        metadata.put("epochs", String.valueOf(epochs));
        metadata.put("seed", String.valueOf(o.seed()));
        if (o.init() != null) {
            metadata.put("init", o.init().getFileName().toString());
        }
        metadata.put("weightDecay", String.valueOf(o.weightDecay()));
        metadata.put("mixup", String.valueOf(o.mixupAlpha()));
        metadata.put("ngnv", o.ngnv() == null ? "none" : o.ngnv().toString());
        return ModelExport.toModel(net, images.classes(), normalization, new PannSettings(o.bound(), 0), metadata);
    }

    private static EpochRecord tracked(EpochRecord r, PannTracker tracker, Model model) {
        if (tracker == null) {
            return r;
        }
        PannTracker.Measured m = tracker.measure(model);
        return new EpochRecord(r.epoch(), r.learningRate(), r.loss(), r.trainAccuracy(), r.seconds(), r.imagesPerSecond(),
                m.backbone(), m.pann(), m.maxAbs());
    }

    /** Records the largest activation input seen on the test subset, so a user can check the bound. */
    private static Model withMaxAbs(Model model, double maxAbs) {
        if (Double.isNaN(maxAbs)) {
            return model;
        }
        Map<String, String> metadata = new LinkedHashMap<>(model.metadata());
        metadata.put("maxAbsActivationInput", String.format(java.util.Locale.ROOT, "%.3f", maxAbs));
        return new Model(model.name(), model.architecture(), model.graph(), model.classes(), model.normalization(),
                model.pann(), metadata);
    }

    private void save(ZooNetwork net, MomentumSgd sgd, Model model, List<EpochRecord> history) throws IOException {
        ModelFiles.write(model, o.out());
        Checkpoint.write(o.checkpoint(), net, sgd, history);
        PannTracker.writeCsv(o.trackCsv(), o.trackBetas(), history);
        if (o.trackBetas().length > 0) {
            String title = String.format(java.util.Locale.ROOT, "%s: test accuracy per epoch (PANN bound %s)", o.architecture(),
                    o.bound() == Math.rint(o.bound()) ? String.valueOf((long) o.bound()) : String.valueOf(o.bound()));
            PannTracker.writePng(o.trackPng(), title, o.trackBetas(), history);
        }
    }

    private void warnAboutBound(List<EpochRecord> history) {
        double maxAbs = history.isEmpty() ? Double.NaN : history.get(history.size() - 1).maxAbs();
        if (maxAbs > o.bound()) {
            monitor.note(String.format("activation inputs reach %.1f on the test subset, beyond the PANN bound %s: "
                    + "retrain or set a larger --bound", maxAbs, o.bound()));
        }
    }
}
