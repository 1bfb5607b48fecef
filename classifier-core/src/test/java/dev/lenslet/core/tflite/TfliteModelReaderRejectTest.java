package dev.lenslet.core.tflite;

import dev.lenslet.core.SharedData;
import dev.lenslet.core.Classifier;
import dev.lenslet.core.InvalidModelException;
import dev.lenslet.core.fp32.FloatNetwork;
import dev.lenslet.core.graph.GraphBuilder;
import dev.lenslet.core.image.Crop;
import dev.lenslet.core.image.Pixels;
import dev.lenslet.core.kernel.KernelSet;
import static dev.lenslet.core.tflite.TfliteTestModelWriter.MODEL_BUFFERS;
import static dev.lenslet.core.tflite.TfliteTestModelWriter.MODEL_OPERATOR_CODES;
import static dev.lenslet.core.tflite.TfliteTestModelWriter.MODEL_SUBGRAPHS;
import static dev.lenslet.core.tflite.TfliteTestModelWriter.OPCODE_BUILTIN;
import static dev.lenslet.core.tflite.TfliteTestModelWriter.OPCODE_DEPRECATED_BUILTIN;
import static dev.lenslet.core.tflite.TfliteTestModelWriter.OP_INPUTS;
import static dev.lenslet.core.tflite.TfliteTestModelWriter.OP_OUTPUTS;
import static dev.lenslet.core.tflite.TfliteTestModelWriter.SUBGRAPH_INPUTS;
import static dev.lenslet.core.tflite.TfliteTestModelWriter.SUBGRAPH_OPERATORS;
import static dev.lenslet.core.tflite.TfliteTestModelWriter.SUBGRAPH_OUTPUTS;
import static dev.lenslet.core.tflite.TfliteTestModelWriter.SUBGRAPH_TENSORS;
import static dev.lenslet.core.tflite.TfliteTestModelWriter.TENSOR_BUFFER;
import static dev.lenslet.core.tflite.TfliteTestModelWriter.TENSOR_SHAPE;
import static dev.lenslet.core.tflite.TfliteTestModelWriter.putInt;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;
import java.util.function.ToIntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Damaged or unsupported model files end in an {@link InvalidModelException} that says what is wrong and where,
 * never in another exception. Most cases patch the real primary model in memory, at positions found by walking
 * it with the reader's own bounds-checked {@link FlatBuffer}; what a patch cannot express (a custom operator, a
 * MEAN whose axes are not constants) is written with {@link TfliteTestModelWriter}. Random byte flips and
 * truncations then check that nothing else can escape.
 */
class TfliteModelReaderRejectTest {
    private static final byte[] PRIMARY = SharedData.bytes(SharedData.model(SharedData.PRIMARY));
    private static final String LABELS = SharedData.labelText();
    /**
     * The primary model's graph: 174 tensors; operator 0 is the CONV_2D stem writing tensor 56 [1, 112, 112, 32];
     * tensor 2 is the classifier's [1001] int32 bias.
     */
    private static final int TENSOR_COUNT = 174, STEM_OUTPUT = 56;
    private static final String BIAS = "tensor 2 '" + TfliteModelReader.read(PRIMARY).tensors.get(2).name + "'";

    // ---- Truncation ------------------------------------------------------------------------------------------

    static IntStream headerLengths() {
        return IntStream.of(0, 7);
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("headerLengths")
    void fileTooShortForAHeaderIsRejected(int length) {
        assertRejected(Arrays.copyOf(PRIMARY, length),
                "not a TFLite model: the file has " + length + " bytes, too few for a flatbuffer header");
    }

    @Test
    void fileCutRightAfterTheHeaderLosesTheRootTable() {
        int root = new Layout(PRIMARY).model.pos;
        assertRejected(Arrays.copyOf(PRIMARY, 8), "model root: reference at offset 0 points to " + root
                + ", past the end of the 8-byte file");
    }

    /** The operator_codes table is written last, near the flatbuffer's end: every deeper cut loses it. */
    static IntStream flatbufferCuts() {
        return IntStream.of(100, PRIMARY.length / 2, PRIMARY.length - 30_000);
    }

    @ParameterizedTest(name = "cut to {0} bytes")
    @MethodSource("flatbufferCuts")
    void fileCutInsideTheFlatbufferIsRejected(int length) {
        int reference = new Layout(PRIMARY).model.field(MODEL_OPERATOR_CODES);
        int operatorCodes = new FlatBuffer(PRIMARY).deref(reference, "operator_codes");
        assertRejected(Arrays.copyOf(PRIMARY, length), "model.operator_codes: reference at offset " + reference
                + " points to " + operatorCodes + ", past the end of the " + length + "-byte file");
    }

    /** The last ~22 KB are TFLite metadata and the appended label ZIP, outside the flatbuffer proper. */
    @Test
    void fileCutInsideTheAppendedZipStillRunsButHasNoEmbeddedLabels() {
        assertNotNull(TfliteModelReader.read(PRIMARY).embeddedLabels);
        byte[] cut = Arrays.copyOf(PRIMARY, PRIMARY.length - 1000);
        TfliteModel model = TfliteModelReader.read(cut);
        assertNull(model.embeddedLabels);
        assertNotNull(FloatNetwork.build(model, KernelSet.VECTORIZABLE));
        assertRejected(() -> Classifier.load(cut, KernelSet.VECTORIZABLE), "the model has no embedded label file");
    }

    // ---- Not TFLite, or not what Lenslet runs ------------------------------------------------------------------

    @Test
    void wrongFileIdentifierIsRejected() {
        byte[] file = PRIMARY.clone();
        file[7] = '2';
        assertRejected(file, "not a TFLite model: expected file identifier \"TFL3\" at bytes 4..7, found \"TFL2\"");
    }

    @Test
    void unsupportedBuiltinOperatorIsRejected() {
        byte[] file = PRIMARY.clone();
        FlatBuffer.Table conv = new Layout(file).operatorCode(0);
        file[conv.field(OPCODE_DEPRECATED_BUILTIN)] = TfliteTestModelWriter.MAX_POOL_2D;
        putInt(file, conv.field(OPCODE_BUILTIN), TfliteTestModelWriter.MAX_POOL_2D);
        assertRejected(file, "unsupported operator: builtin code 17 (operator_codes[0]); Lenslet runs [ADD, ");
    }

    @Test
    void customOperatorIsRejected() {
        TfliteTestModelWriter writer = new TfliteTestModelWriter();
        int input = writer.activation("image", TensorType.UINT8, new int[] {1, 8, 8, 3}, 1f / 128, 128);
        int boxes = writer.activation("boxes", TensorType.FLOAT32, new int[] {1, 10, 4}, 1f, 0);
        writer.custom("TFLite_Detection_PostProcess", new int[] {input}, new int[] {boxes});
        assertRejected(writer.toBytes(input, boxes), "operator code 0 is the custom operator "
                + "'TFLite_Detection_PostProcess', which Lenslet does not run");
    }

    // ---- Corrupted offsets and indexes -----------------------------------------------------------------------

    @Test
    void rootOffsetPastTheEndIsRejected() {
        byte[] file = PRIMARY.clone();
        putInt(file, 0, PRIMARY.length);
        assertRejected(file, "model root: reference at offset 0 points to " + PRIMARY.length + ", past the end");
    }

    @Test
    void vtableOffsetOutsideTheFileIsRejected() {
        byte[] file = PRIMARY.clone();
        int root = new Layout(file).model.pos;
        putInt(file, root, root + 1); // the vtable would start one byte before the file
        assertRejected(file, "model: vtable of table at offset " + root + " lies outside the file");
    }

    @Test
    void vectorOffsetPastTheEndIsRejected() {
        byte[] file = PRIMARY.clone();
        int reference = new Layout(file).model.field(MODEL_SUBGRAPHS);
        putInt(file, reference, PRIMARY.length - reference);
        assertRejected(file, "model.subgraphs: reference at offset " + reference + " points to " + PRIMARY.length
                + ", past the end");
    }

    @Test
    void vectorLengthPastTheEndIsRejected() {
        byte[] file = PRIMARY.clone();
        int length = new Layout(file).subgraph.vectorField(SUBGRAPH_TENSORS, 4, "tensors").start - 4;
        putInt(file, length, 1 << 28);
        assertRejected(file, "model.subgraphs[0].tensors: offset " + (length + 4) + " (+1073741824 bytes) lies "
                + "outside the " + PRIMARY.length + "-byte file");
    }

    @Test
    void bufferIndexPastTheBufferListIsRejected() {
        byte[] file = PRIMARY.clone();
        putInt(file, new Layout(file).tensor(2).field(TENSOR_BUFFER), 99_999);
        assertRejected(file, BIAS + ": buffer index 99999 is out of range (the model has 177 buffers)");
    }

    @Test
    void bufferDataOffsetPastTheEndIsRejected() {
        byte[] file = PRIMARY.clone();
        Layout layout = new Layout(file);
        FlatBuffer.Table buffer = layout.model.vectorField(MODEL_BUFFERS, 4, "buffers")
                .table(layout.tensor(2).intField(TENSOR_BUFFER, 0));
        int reference = buffer.field(TfliteTestModelWriter.BUFFER_DATA);
        putInt(file, reference, PRIMARY.length - reference + 8);
        assertRejected(file, ".data: reference at offset " + reference + " points to " + (PRIMARY.length + 8)
                + ", past the end");
    }

    @Test
    void constantWhoseShapeDisagreesWithItsBufferIsRejected() {
        byte[] file = PRIMARY.clone();
        putInt(file, new Layout(file).tensor(2).vectorField(TENSOR_SHAPE, 4, "shape").start, 1000);
        assertRejected(file, BIAS + ": shape needs 4000 bytes of INT32 data but its buffer 3 holds 4004");
    }

    static Stream<Arguments> tensorIndexes() {
        ToIntFunction<Layout> operatorInput = layout -> layout.operator(0).vectorField(OP_INPUTS, 4, "in").start;
        ToIntFunction<Layout> operatorOutput = layout -> layout.operator(0).vectorField(OP_OUTPUTS, 4, "out").start;
        ToIntFunction<Layout> modelInput = layout -> layout.subgraph.vectorField(SUBGRAPH_INPUTS, 4, "in").start;
        ToIntFunction<Layout> modelOutput = layout -> layout.subgraph.vectorField(SUBGRAPH_OUTPUTS, 4, "out").start;
        return Stream.of(
                arguments(named("operator input", operatorInput), TENSOR_COUNT, "operator 0 (CONV_2D) inputs: tensor"
                        + " index " + TENSOR_COUNT + " is out of range (the graph has " + TENSOR_COUNT + " tensors)"),
                arguments(named("operator output", operatorOutput), -1,
                        "operator 0 (CONV_2D) outputs: tensor index -1 is out of range"),
                arguments(named("model input", modelInput), -1, "model inputs: tensor index -1 is out of range"),
                arguments(named("model output", modelOutput), 1 << 20,
                        "model outputs: tensor index 1048576 is out of range"));
    }

    /** -1 marks an omitted optional input; an output, a model input or a model output cannot be omitted. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("tensorIndexes")
    void tensorIndexOutOfRangeIsRejected(ToIntFunction<Layout> indexPosition, int index, String message) {
        byte[] file = PRIMARY.clone();
        putInt(file, indexPosition.applyAsInt(new Layout(file)), index);
        assertRejected(file, message);
    }

    /** MEAN's axes must be constant integers; anything else would be read as int32 from wherever it points. */
    @Test
    void meanWhoseAxesAreNotAConstantIsRejected() {
        TfliteTestModelWriter writer = new TfliteTestModelWriter();
        int[] shape = {1, 300, 300, 3};
        int image = writer.activation("image", TensorType.UINT8, shape, 1f / 128, 128);
        int pooled = writer.activation("pooled", TensorType.UINT8, new int[] {1, 1, 1, 3}, 1f / 128, 128);
        writer.mean(image, image, pooled, true);
        assertRejected(writer.toBytes(image, pooled), "operator 0 (MEAN): axes tensor 0 'image' UINT8 [1, 300, 300,"
                + " 3] must be a constant INT32 or INT64 vector");
    }

    /**
     * A shape still within the reader's element limit can ask for a 1 GB buffer (and kill a browser tab); it must
     * be rejected by the shape checks before any activation buffer is allocated.
     */
    @Test
    void hugeActivationShapeIsRejectedBeforeItsBufferIsAllocated() {
        byte[] file = PRIMARY.clone();
        int channels = new Layout(file).tensor(STEM_OUTPUT).vectorField(TENSOR_SHAPE, 4, "shape").start + 12;
        putInt(file, channels, 20_000); // 112 × 112 × 20000 floats = 1 GB
        ThreadMXBean thread = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = thread.getCurrentThreadAllocatedBytes();
        assertRejected(file, "operator 0 (CONV_2D): output tensor 56 ");
        long allocated = thread.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 256 << 20, "allocated " + (allocated >> 20) + " MB before rejecting the model");
    }

    /**
     * A consistent graph passes every shape check however large its input: 8192 × 8192 × 3 values (800 MB of
     * floats) declared in a few hundred bytes must be refused, not allocated.
     */
    @Test
    void consistentButHugeActivationsAreRejected() {
        TfliteTestModelWriter writer = new TfliteTestModelWriter();
        int image = writer.activation("image", TensorType.UINT8, new int[] {1, 8192, 8192, 3}, 1f / 128, 128);
        int axes = writer.int32Constant("axes", 1, 2);
        int pooled = writer.activation("pooled", TensorType.UINT8, new int[] {1, 1, 1, 3}, 1f / 128, 128);
        writer.mean(image, axes, pooled, true);
        assertRejected(writer.toBytes(image, pooled), "more than the " + GraphBuilder.MAX_ACTIVATION_VALUES);
    }

    // ---- Random damage ---------------------------------------------------------------------------------------

    /**
     * Flips land outside the weights' bytes (a flipped weight only changes a number): in the flatbuffer's tables,
     * vectors and strings, the metadata and the appended ZIP. Every damaged file that loads must also run.
     */
    @Test
    void randomByteFlipsAreLoadedAndRunOrRejected() {
        Random random = new Random(42);
        int[] positions = new Layout(PRIMARY).bytesOutsideBufferData();
        Pixels pixels = new Pixels(new byte[32 * 24 * 3], 24, 32, 3); // [32][24][RGB], all black
        int loaded = 0;
        for (int i = 0; i < 1000; i++) {
            int position = positions[random.nextInt(positions.length)];
            int mask = 1 + random.nextInt(255);
            byte[] file = flipped(PRIMARY, position, mask);
            loaded += worksOrIsRejected("byte " + position + " xor " + mask,
                    () -> Classifier.load(file, LABELS, KernelSet.VECTORIZABLE).run(pixels, Crop.SQUASH)) ? 1 : 0;
        }
        assertTrue(loaded > 0 && loaded < 1000, loaded + " of 1000 damaged files loaded: the flips did not vary");
    }

    @Test
    void randomTruncationsAreLoadedOrRejected() {
        Random random = new Random(43);
        for (int i = 0; i < 200; i++) {
            byte[] file = Arrays.copyOf(PRIMARY, random.nextInt(PRIMARY.length));
            worksOrIsRejected("cut to " + file.length + " bytes",
                    () -> Classifier.load(file, LABELS, KernelSet.VECTORIZABLE));
        }
    }

    /**
     * A small synthetic model, small enough to also run every damaged file that loads: flips anywhere, weights
     * included, so shapes and options that pass the builder must also be safe for the kernels.
     */
    @Test
    void randomByteFlipsOfASmallModelLoadAndRunOrAreRejected() {
        byte[] original = TfliteTestModelWriter.mobileNetV1(5, TfliteTestModelWriter.Format.INT8_PER_CHANNEL, 0.25f,
                9, 7, 5);
        Random random = new Random(44);
        Pixels pixels = new Pixels(new byte[9 * 7 * 3], 7, 9, 3);
        for (int i = 0; i < 1000; i++) {
            int position = random.nextInt(original.length);
            int mask = 1 + random.nextInt(255);
            byte[] file = flipped(original, position, mask);
            worksOrIsRejected("byte " + position + " xor " + mask,
                    () -> Classifier.load(file, "background\na\nb\nc\nd", KernelSet.VECTORIZABLE)
                            .run(pixels, Crop.SQUASH));
        }
    }

    // ---- Helpers ---------------------------------------------------------------------------------------------

    private static void assertRejected(byte[] file, String message) {
        assertRejected(() -> Classifier.load(file, KernelSet.VECTORIZABLE), message);
    }

    private static void assertRejected(Executable load, String message) {
        InvalidModelException e = assertThrows(InvalidModelException.class, load);
        assertTrue(e.getMessage().contains(message), "message \"" + e.getMessage() + "\" should contain \""
                + message + "\"");
    }

    /** Something done with a damaged file: it must work or end in InvalidModelException. Returns whether it worked. */
    private static boolean worksOrIsRejected(String damage, Executable use) {
        try {
            use.execute();
            return true;
        } catch (InvalidModelException rejected) {
            assertNotNull(rejected.getMessage(), damage);
            return false;
        } catch (Throwable other) {
            throw new AssertionError(damage + " ended in " + other, other);
        }
    }

    private static byte[] flipped(byte[] original, int position, int mask) {
        byte[] file = original.clone();
        file[position] ^= (byte) mask;
        return file;
    }

    /** Where things are in a model file: tables found with the reader's bounds-checked walker. */
    private static final class Layout {
        final byte[] file;
        final FlatBuffer.Table model;
        final FlatBuffer.Table subgraph;

        Layout(byte[] file) {
            this.file = file;
            FlatBuffer flatBuffer = new FlatBuffer(file);
            model = flatBuffer.table(flatBuffer.deref(0, "root"), "model");
            subgraph = model.vectorField(MODEL_SUBGRAPHS, 4, "subgraphs").table(0);
        }

        FlatBuffer.Table tensor(int index) {
            return subgraph.vectorField(SUBGRAPH_TENSORS, 4, "tensors").table(index);
        }

        FlatBuffer.Table operator(int index) {
            return subgraph.vectorField(SUBGRAPH_OPERATORS, 4, "operators").table(index);
        }

        FlatBuffer.Table operatorCode(int index) {
            return model.vectorField(MODEL_OPERATOR_CODES, 4, "operator_codes").table(index);
        }

        /** Positions of every byte that is not inside a buffer's data (the constant tensors' values). */
        int[] bytesOutsideBufferData() {
            boolean[] data = new boolean[file.length];
            FlatBuffer.Vector buffers = model.vectorField(MODEL_BUFFERS, 4, "buffers");
            for (int b = 0; b < buffers.length; b++) {
                FlatBuffer.Vector bytes = buffers.table(b).vectorField(TfliteTestModelWriter.BUFFER_DATA, 1, "data");
                if (bytes != null) {
                    Arrays.fill(data, bytes.start, bytes.start + bytes.length, true);
                }
            }
            return IntStream.range(0, file.length).filter(p -> !data[p]).toArray();
        }
    }
}
