package dev.sturdy.party.cli;

import dev.sturdy.model.Model;
import dev.sturdy.model.Normalization;
import dev.sturdy.model.PannSettings;
import dev.sturdy.model.file.ModelFiles;
import dev.sturdy.model.graph.Shape;
import dev.sturdy.model.io.TensorArchives;
import dev.sturdy.model.onnx.OnnxImporter;
import dev.sturdy.model.zoo.ModelImporter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "import", mixinStandardHelpOptions = true, description = "Import a network into a Sturdy model file: "
        + "an ONNX file (--onnx, as torch.onnx.export writes it; docs/import.md), or a PyTorch state_dict (.npz or "
        + ".safetensors) of a zoo architecture (--arch and --weights).")
final class ImportCommand extends PrintingCommand {

    @Option(names = "--onnx", description = "ONNX model file (opsets 11 to 17).")
    Path onnx;

    @Option(names = "--input-shape", split = ",", description = "C,H,W of one input image, when the ONNX file does "
            + "not fix them.")
    int[] inputShape;

    @Option(names = "--arch", description = "Zoo architecture of a state_dict: ${COMPLETION-CANDIDATES}",
            completionCandidates = Architectures.class)
    String arch;

    @Option(names = "--weights", description = "state_dict as .npz or .safetensors (with --arch)")
    Path weights;

    @Option(names = "--mean", split = ",", description = "Per-channel input mean (pixels in [0,1]), e.g. 0.4914,0.4822,0.4465")
    double[] mean;

    @Option(names = "--std", split = ",", description = "Per-channel input std, e.g. 0.2023,0.1994,0.2010")
    double[] std;

    @Option(names = "--bound", defaultValue = "50", description = "PANN interval bound (default ${DEFAULT-VALUE})")
    double bound;

    @Option(names = "--classes", split = ",", description = "Class names in label order (default: CIFAR-10 names for 10 outputs)")
    List<String> classes = List.of();

    @Option(names = "--out", required = true, description = "Model file to write")
    Path out;

    @Override
    public Integer call() throws Exception {
        if ((onnx == null) == (arch == null && weights == null)) {
            throw new IllegalArgumentException("give either --onnx FILE or --arch NAME with --weights FILE");
        }
        Normalization norm = mean == null && std == null ? null : normalization();
        Model model;
        if (onnx != null) {
            if (inputShape != null && inputShape.length != 3) {
                throw new IllegalArgumentException("--input-shape takes C,H,W, got " + inputShape.length + " numbers");
            }
            Shape shape = inputShape == null ? null : new Shape(inputShape[0], inputShape[1], inputShape[2]);
            model = OnnxImporter.read(onnx, new OnnxImporter.Options(shape, norm, new PannSettings(bound, 0), classes));
        } else {
            if (arch == null || weights == null) {
                throw new IllegalArgumentException("--arch and --weights go together");
            }
            ModelImporter.requireKnown(arch);
            model = ModelImporter.importStateDict(arch, TensorArchives.read(weights), classes,
                    norm == null ? Normalization.identity(3) : norm, new PannSettings(bound, 0),
                    Map.of("source", weights.getFileName().toString()));
        }
        ModelFiles.write(model, out);
        out().printf("wrote %s: %s, %d layers, input %s, %d classes%n", out, model.architecture(),
                model.graph().nodes().size(), model.graph().input(), model.numClasses());
        return 0;
    }

    private Normalization normalization() {
        if (mean == null || std == null) {
            throw new IllegalArgumentException("--mean and --std go together");
        }
        return new Normalization(mean, std);
    }

    static final class Architectures extends java.util.ArrayList<String> {
        Architectures() {
            super(ModelImporter.ARCHITECTURES);
        }
    }
}
